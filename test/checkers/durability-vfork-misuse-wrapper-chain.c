// RUN: %check_durability %s durability-vfork-misuse %t -- -std=gnu11

// Wrappers two levels below the child, in the same file. A chain that only
// execs and exits is allowed; one whose last wrapper does real work is
// reported at the child's call, with a note at each call down the chain and
// one at what the last wrapper does.

#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

static void exec_or_die(char *const argv[]) {
  execv(argv[0], argv);
  _exit(127);
}

static void run(char *const argv[]) { exec_or_die(argv); }

// Negative: the chain only execs and exits, so it never returns.
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run(argv);
  printf("spawned %d\n", (int)pid);
  return pid;
}

static int launched;

static void exec_counted(char *const argv[]) {
  launched++;
  exec_or_die(argv);
}

static void run_counted(char *const argv[]) { exec_counted(argv); }

// Positive: the last wrapper writes a global.
pid_t spawn_counted(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run_counted(argv);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: vfork child calls 'run_counted' before exec or _exit, which is undefined: it runs on the memory and stack of the suspended parent [durability-vfork-misuse]
  // CHECK-NOTES: :[[@LINE-4]]:15: note: child process created by vfork here
  // CHECK-NOTES: :[[@LINE-9]]:47: note: 'run_counted' calls 'exec_counted' here
  // CHECK-NOTES: :[[@LINE-14]]:3: note: 'exec_counted' writes to 'launched' here
  // CHECK-NOTES: :[[@LINE-7]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
  return pid;
}

static void exec_logged(char *const argv[]) {
  fprintf(stderr, "exec %s\n", argv[0]);
  exec_or_die(argv);
}

static void run_logged(char *const argv[]) {
  exec_logged(argv);
}

// Positive: the last wrapper calls fprintf.
pid_t spawn_logged(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    run_logged(argv);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: vfork child calls 'run_logged' before exec or _exit
    // CHECK-NOTES: :[[@LINE-4]]:15: note: child process created by vfork here
    // CHECK-NOTES: :[[@LINE-10]]:3: note: 'run_logged' calls 'exec_logged' here
    // CHECK-NOTES: :[[@LINE-16]]:3: note: 'exec_logged' calls 'fprintf' here
    // CHECK-NOTES: :[[@LINE-7]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
    _exit(127);
  }
  return pid;
}
