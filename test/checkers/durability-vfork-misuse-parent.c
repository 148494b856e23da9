// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// Once the child's branch has left through exec or _exit, the rest of the
// function is the parent's: it may call, write and return as it likes.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct pool {
  pid_t pids[8];
  int running;
};

// Negative: a spawning loop that records every child in the pool.
int spawn_all(struct pool *p, char **cmds[], int n) {
  for (int i = 0; i < n; i++) {
    pid_t pid = vfork();
    if (pid < 0) {
      fprintf(stderr, "vfork: %s\n", strerror(errno));
      return -1;
    }
    if (pid == 0) {
      execvp(cmds[i][0], cmds[i]);
      _exit(127);
    }
    p->pids[i] = pid;
    p->running++;
  }
  return 0;
}

// Negative: the parent waits, retries on EINTR and returns the status.
int run_and_wait(char *const argv[]) {
  int status = 0;
  pid_t pid;
  do
    pid = vfork();
  while (pid < 0 && errno == EAGAIN);
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  char *msg = malloc(32);
  free(msg);
  return WEXITSTATUS(status);
}
