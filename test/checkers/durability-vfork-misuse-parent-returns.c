// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The parent leaves early and the child runs the rest of the function:
// if (pid != 0) return pid; ...child...

#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

// Positive: the child code after the early return.
pid_t early_return(char *const argv[]) {
  pid_t pid = vfork();
  if (pid != 0)
    return pid;
  fprintf(stderr, "exec %s\n", argv[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: vfork child calls 'fprintf' before exec or _exit
  execv(argv[0], argv);
  _exit(127);
}

// Negative: the error and the parent leave separately; the child only
// execs.
int error_then_parent(char *const argv[]) {
  pid_t pid = vfork();
  if (pid < 0) {
    perror("vfork");
    return -1;
  }
  if (pid > 0)
    return (int)pid;
  execv(argv[0], argv);
  _exit(127);
}

// Positive: a bare test; the child falls through to a second exec attempt
// after printing.
pid_t bare_test(char *const argv[]) {
  pid_t pid = vfork();
  if (pid)
    return pid;
  execv(argv[0], argv);
  perror(argv[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: vfork child calls 'perror' before exec or _exit
  _exit(127);
}
