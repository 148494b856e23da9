// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// A bare vfork() whose result is ignored: parent and child both run the
// code that follows, so it is child code.

#include <stdio.h>
#include <unistd.h>

// Positive: both processes print.
void both_print(void) {
  vfork();
  puts("hello");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: vfork child calls 'puts' before exec or _exit
}

// Positive: a cast to void changes nothing.
void cast_to_void(int *counter) {
  (void)vfork();
  *counter = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: vfork child writes to '*counter' before exec or _exit, which is undefined: the memory belongs to the suspended parent
  _exit(0);
}

// Negative: only exec and _exit follow.
void exec_both(char *const argv[]) {
  vfork();
  execv(argv[0], argv);
  _exit(127);
}
