// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The calls a child may make: every exec function, _exit and _Exit, and
// reading errno to choose the exit status. A failed exec returns, so what
// follows it is still child code.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

// Negative: each exec in turn, then _exit with a status from errno.
void every_exec(const char *path, char *const argv[], int fd, int dirfd) {
  if (vfork() == 0) {
    execl(path, path, (char *)NULL);
    execle(path, path, (char *)NULL, environ);
    execlp(path, path, (char *)NULL);
    execv(path, argv);
    execve(path, argv, environ);
    execvp(path, argv);
    execvpe(path, argv, environ);
    fexecve(fd, argv, environ);
    execveat(dirfd, path, argv, environ, 0);
    _exit(errno == ENOENT ? 127 : 126);
  }
}

// Negative: _Exit ends the child too.
void with_Exit(char *const argv[]) {
  if (vfork() == 0) {
    execv(argv[0], argv);
    _Exit(127);
  }
}

// Positive: after a failed exec the child is still a vfork child.
void exit_after_exec(char *const argv[]) {
  if (vfork() == 0) {
    execv(argv[0], argv);
    abort();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'abort' before exec or _exit
  }
}
