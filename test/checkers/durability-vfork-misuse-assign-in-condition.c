// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The result assigned inside the condition: if ((pid = vfork()) == 0).

#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

// Positive: the child prints.
pid_t compared(char *const argv[]) {
  pid_t pid;
  if ((pid = vfork()) == 0) {
    printf("child\n");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'printf' before exec or _exit
    _exit(1);
  }
  return pid;
}

// Positive: negated, with the parent's arm first.
pid_t negated(char *const argv[]) {
  pid_t pid;
  if (!(pid = vfork())) {
    perror("child");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'perror' before exec or _exit
    _exit(1);
  }
  return pid;
}

// Negative: the error test comes first in the same condition; the child
// reaches its own branch through the else.
pid_t error_first(char *const argv[]) {
  pid_t pid;
  if ((pid = vfork()) < 0) {
    perror("vfork");
  } else if (pid == 0) {
    execvp(argv[0], argv);
    _exit(127);
  }
  return pid;
}
