// RUN: %check_durability -check-suffix=DEFAULT %s durability-vfork-misuse %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED \
// RUN:   -check-option 'AllowedChildFunctions=dup2; close;sigprocmask' \
// RUN:   %s durability-vfork-misuse %t -- -std=gnu11

// AllowedChildFunctions adds to the calls a child may make; by default
// dup2 and close are reported like any other call.

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

// Positive by default; negative when dup2, close and sigprocmask are
// listed.
pid_t redirect(int fd, const sigset_t *mask, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    sigprocmask(SIG_SETMASK, mask, NULL);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: vfork child calls 'sigprocmask' before exec or _exit
    dup2(fd, 1);
    close(fd);
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}

// Positive either way: the list adds to the allowed calls, nothing more.
pid_t redirect_and_log(int fd, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    dup2(fd, 2);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: vfork child calls 'dup2' before exec or _exit
    fputs("starting\n", stderr);
    // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:5: warning: vfork child calls 'fputs' before exec or _exit
    _exit(1);
  }
  return pid;
}
