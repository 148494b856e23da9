// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// exit() spelled inside a macro is reported without a fix: changing the
// macro would change every other use of it.

#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#define DIE(status) exit(status)

pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(argv[0], argv);
    DIE(127);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exit', which runs the parent's atexit handlers and flushes its stdio buffers; call _exit instead
  }
  return pid;
}
