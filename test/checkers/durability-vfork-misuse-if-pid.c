// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The result kept in a pid variable and tested by an if: == 0, !pid, and
// the parent's (> 0) and the error's (< 0) arms, which are never the
// child's.

#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

void child_work(void);

// Positive: assigned, then tested with == 0.
pid_t assigned(char *const argv[]) {
  pid_t pid;
  pid = vfork();
  if (pid == 0) {
    child_work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'child_work' before exec or _exit
    _exit(1);
  }
  return pid;
}

// Positive: declared with the result, tested with !pid, in an else-if
// chain after the error and parent arms, which call freely.
int chain(char *const argv[]) {
  pid_t pid = vfork();
  int status;
  if (pid < 0) {
    perror("vfork");
    return -1;
  } else if (pid > 0) {
    waitpid(pid, &status, 0);
    return status;
  } else if (!pid) {
    puts("in child");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'puts' before exec or _exit
    execv(argv[0], argv);
    _exit(127);
  }
  return 0;
}

// Positive: 0 == pid, a constant on the left.
pid_t reversed(char *const argv[]) {
  pid_t pid = vfork();
  if (0 == pid) {
    fflush(stdout);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'fflush' before exec or _exit
    _exit(1);
  }
  return pid;
}

// Negative: the child's arm is the else of `pid != 0`.
pid_t else_arm(char *const argv[]) {
  pid_t pid = vfork();
  if (pid != 0) {
    printf("started %d\n", (int)pid);
  } else {
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}
