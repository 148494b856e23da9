// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// Leaving the function that called vfork: a return, falling off the end
// after a failed exec, and returning vfork's result from a wrapper.

#include <sys/types.h>
#include <unistd.h>

// Positive: the child returns an error code.
int child_returns(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(argv[0], argv);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child returns from the function that called vfork, which is undefined: the parent resumes in the stack frame the child left [durability-vfork-misuse]
  }
  return 0;
}

// Positive: a failed exec falls through to the end of the function.
void falls_off(char *const argv[]) {
  if (vfork() == 0) {
    execv(argv[0], argv);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: vfork child falls off the end of the function that called vfork, which is undefined: the parent resumes in the stack frame the child left

// Positive: a wrapper around vfork returns in the child.
pid_t my_vfork(void) {
  return vfork();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: vfork child returns from the function that called vfork
}
