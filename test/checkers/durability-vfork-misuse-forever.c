// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// A child that spins forever neither returns nor writes: not a finding.
// One whose loop calls a function or writes is.

#include <sys/types.h>
#include <unistd.h>

// Negative: empty infinite loops.
pid_t spin(void) {
  pid_t pid = vfork();
  if (pid == 0)
    for (;;)
      ;
  return pid;
}

pid_t spin_while(void) {
  pid_t pid = vfork();
  if (pid == 0) {
    while (1) {
    }
  }
  return pid;
}

// Positive: the loop sleeps.
pid_t sleep_forever(void) {
  pid_t pid = vfork();
  if (pid == 0)
    for (;;)
      pause();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child calls 'pause' before exec or _exit
  return pid;
}

// Positive: the loop counts.
pid_t count_forever(void) {
  unsigned n = 0;
  pid_t pid = vfork();
  if (pid == 0)
    while (1)
      n++;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child writes to 'n' before exec or _exit
  return pid;
}
