// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// Only the first violation on each child path is reported; two paths that
// diverge report one each.

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

// Positive: setenv only; the printf and exit after it are not reported.
pid_t one_path(const char *event, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    setenv("EVENT", event, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'setenv' before exec or _exit
    printf("exec\n");
    execv(argv[0], argv);
    exit(127);
  }
  return pid;
}

// Positive: each branch of the child reports its own first violation.
pid_t two_paths(int verbose, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    if (verbose)
      puts("verbose");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child calls 'puts' before exec or _exit
    else
      fflush(stdout);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child calls 'fflush' before exec or _exit
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}
