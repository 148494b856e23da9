// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A helper that forks tests `pid == 0` to tell the child from the parent:
// a non-zero pid is the parent, not a failure. Read as a failure test, the
// parent's path looked like an error path that drops the caller's
// obligations, so any call of such a helper hid the rename before it.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

void log_event(const char *what);

static int run_hook(char *const argv[]) {
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  if (pid < 0)
    return -1;
  int status;
  waitpid(pid, &status, 0);
  log_event("hook ran");
  return status;
}

int save(const char *tmp, const char *dst, const char *text,
         char *const hook[]) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  run_hook(hook);
  return 0;
}
// The fix inserts the sync after the failure test; the hook runs after it.
// CHECK-FIXES: {{^}}    return -1;{{$}}
// CHECK-FIXES: {{^}}  run_hook(hook);{{$}}
