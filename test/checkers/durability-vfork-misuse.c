// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// The canonical shape: a child that only execs and _exits is silent; one
// that changes its environment first is reported at the call, with a note
// at the vfork.

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

// Negative: exec, and _exit(127) when the exec failed.
pid_t spawn(const char *path, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    execv(path, argv);
    _exit(127);
  }
  if (pid < 0)
    perror("vfork");
  return pid;
}

// Positive: setenv changes the parent's environment and may allocate.
pid_t spawn_with_event(const char *cmd, const char *event) {
  pid_t pid = vfork();
  if (pid == 0) {
    setenv("EVENT", event, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'setenv' before exec or _exit, which is undefined: it runs on the memory and stack of the suspended parent [durability-vfork-misuse]
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: child process created by vfork here
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    _exit(127);
  }
  return pid;
}

// Negative: silenced where the project has judged it.
pid_t spawn_logged(const char *path, char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    puts("child"); // NOLINT(durability-vfork-misuse)
    execv(path, argv);
    _exit(127);
  }
  return pid;
}
