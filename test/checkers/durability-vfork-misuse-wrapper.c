// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// A function of the same file whose body only makes allowed calls,
// transitively, and writes only its own locals, is allowed. One that never
// returns ends the child's path as _exit does.

#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

static void exec_or_die(char *const argv[]) {
  execvp(argv[0], argv);
  _exit(127);
}

static void exec_shell(const char *cmd) {
  char *args[4];
  args[0] = "sh";
  args[1] = "-c";
  args[2] = (char *)cmd;
  args[3] = NULL;
  exec_or_die(args);
}

// Negative: the wrappers never return, so no code after them is child
// code.
pid_t spawn(const char *cmd) {
  pid_t pid = vfork();
  if (pid == 0)
    exec_shell(cmd);
  printf("spawned %d\n", (int)pid);
  return pid;
}

static void try_exec(char *const argv[]) { execv(argv[0], argv); }

// Negative: a wrapper that may return, followed by _exit.
pid_t spawn_trying(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    _exit(127);
  }
  return pid;
}

static int attempts;

static void exec_counted(char *const argv[]) {
  attempts++;
  execv(argv[0], argv);
}

static void exec_logged(char *const argv[]) {
  fprintf(stderr, "exec %s\n", argv[0]);
  exec_or_die(argv);
}

// Positive: the wrapper writes a global.
pid_t spawn_counted(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    exec_counted(argv);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exec_counted' before exec or _exit
    _exit(127);
  }
  return pid;
}

// Positive: the wrapper calls fprintf.
pid_t spawn_logged(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    exec_logged(argv);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exec_logged' before exec or _exit
  return pid;
}

static void retry_exec(char *const argv[], int n);

static void retry_exec(char *const argv[], int n) {
  execv(argv[0], argv);
  if (n > 0)
    retry_exec(argv, n - 1);
}

// Positive: a recursive wrapper is not trusted; and a wrapper that may
// return leaves the child in this function.
pid_t spawn_retrying(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    retry_exec(argv, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'retry_exec' before exec or _exit
  return pid;
}
