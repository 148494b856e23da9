// RUN: %check_durability -fix-notes %s durability-vfork-misuse %t -- -std=gnu11
// RUN: %check_durability -check-suffix=NOFIX %s durability-vfork-misuse %t-nofix -- -std=gnu11

// A write or a return in the child is real work before exec, as a call
// is: it gets the same note that offers fork() in place of vfork(), and
// --fix-notes applies it. Without --fix-notes nothing changes.

#include <sys/types.h>
#include <unistd.h>

int spawned;

// Positive: the child writes a global.
pid_t counts(char *const argv[]) {
  pid_t pid = vfork();
  // CHECK-FIXES: {{^}}  pid_t pid = fork();{{$}}
  if (pid == 0) {
    spawned++;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child writes to 'spawned' before exec or _exit, which is undefined: the memory belongs to the suspended parent [durability-vfork-misuse]
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: child process created by vfork here
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
    // CHECK-NOTES-NOFIX: :[[@LINE-4]]:5: warning: vfork child writes to 'spawned'
    // CHECK-NOTES-NOFIX: :[[@LINE-8]]:15: note: child process created by vfork here
    // CHECK-NOTES-NOFIX: :[[@LINE-9]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}

// Positive: the child returns after a failed exec.
int returns(char *const argv[]) {
  pid_t pid = vfork();
  // CHECK-FIXES: {{^}}  pid_t pid = fork();{{$}}
  if (pid == 0) {
    execv(argv[0], argv);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child returns from the function that called vfork, which is undefined: the parent resumes in the stack frame the child left [durability-vfork-misuse]
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: child process created by vfork here
    // CHECK-MESSAGES: :[[@LINE-7]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
    // CHECK-NOTES-NOFIX: :[[@LINE-4]]:5: warning: vfork child returns from the function
    // CHECK-NOTES-NOFIX: :[[@LINE-9]]:15: note: child process created by vfork here
    // CHECK-NOTES-NOFIX: :[[@LINE-10]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
  }
  return pid < 0 ? -1 : 0;
}
