// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// A vfork wrapped in a statement expression, as busybox's xvfork() macro
// does: the variable that receives the expression's value is the pid, and
// tests of it prune the parent's path.

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#define xvfork()                                                               \
  ({                                                                           \
    pid_t xvfork_pid = vfork();                                                \
    if (xvfork_pid < 0) {                                                      \
      perror("vfork");                                                         \
      exit(1);                                                                 \
    }                                                                          \
    xvfork_pid;                                                                \
  })

// Negative: the child only execs; the parent prints.
pid_t spawn(char *const argv[]) {
  pid_t pid;
  pid = xvfork();
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  printf("started %d\n", (int)pid);
  return pid;
}

// Positive: a declaration copy, and a child that closes stdin.
pid_t spawn_closed(char *const argv[]) {
  pid_t pid = xvfork();
  if (!pid) {
    close(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'close' before exec or _exit
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}
