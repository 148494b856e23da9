// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The result tested without being stored: if (vfork() == 0), if (!vfork()),
// and if (vfork()) whose else is the child.

#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

// Positive: == 0.
void compared(char *const argv[]) {
  if (vfork() == 0) {
    char *p = malloc(16);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: vfork child calls 'malloc' before exec or _exit
    execv(argv[0], argv);
    _exit(127);
  }
}

// Positive: negated.
void negated(char *const argv[]) {
  if (!vfork()) {
    unsetenv("HOME");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'unsetenv' before exec or _exit
    _exit(1);
  }
}

// Positive: the child takes the else of a bare test.
void bare_test(char *const argv[]) {
  if (vfork()) {
    return;
  } else {
    putenv("A=1");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'putenv' before exec or _exit
    _exit(1);
  }
}

// Negative: the test wrapped in __builtin_expect, as unlikely() does.
void expected(char *const argv[]) {
  if (unlikely(vfork() == 0)) {
    execv(argv[0], argv);
    _exit(127);
  }
}
