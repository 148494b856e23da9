// RUN: %check_durability -allow-remaining-warnings %s durability-vfork-misuse %t -- -std=gnu11

// switch on the result: case 0 is the child; with no case 0, the child
// takes default.

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Positive: case 0 exits with exit; the other cases call freely.
int run(char *const argv[]) {
  pid_t pid;
  int status;
  switch (pid = vfork()) {
  case -1:
    perror("vfork");
    return -1;
  case 0:
    execv(argv[0], argv);
    exit(127);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exit', which runs the parent's atexit handlers and flushes its stdio buffers; call _exit instead
  default:
    waitpid(pid, &status, 0);
    return status;
  }
  // CHECK-FIXES: {{^}}    _exit(127);{{$}}
}

// Positive: no case 0, so the child runs default.
int child_in_default(char *const argv[]) {
  switch (vfork()) {
  case -1:
    return -1;
  default:
    puts("both");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'puts' before exec or _exit
    return 0;
  }
}

// Negative: the child's case falls into the next, which only execs.
void fall_through(char *const argv[]) {
  switch (vfork()) {
  case 0:
  case 1:
    execv(argv[0], argv);
    _exit(127);
  default:
    puts("parent");
  }
}
