// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// exit() in the child becomes _exit(), on the warning: the fixed file
// compiles and the check is silent on it. Inside a macro no fix is made.

#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

// Positive: fixed.
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(argv[0], argv);
    exit(127);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exit', which runs the parent's atexit handlers and flushes its stdio buffers; call _exit instead [durability-vfork-misuse]
    // CHECK-FIXES: {{^}}    _exit(127);{{$}}
  }
  return pid;
}

// Positive: qualified with parentheses around the callee.
pid_t spawn_paren(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(argv[0], argv);
    (exit)(EXIT_FAILURE);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exit', which
    // CHECK-FIXES: {{^}}    (_exit)(EXIT_FAILURE);{{$}}
  }
  return pid;
}
