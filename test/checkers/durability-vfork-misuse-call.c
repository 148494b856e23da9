// RUN: %check_durability -fix-notes -allow-remaining-warnings %s durability-vfork-misuse %t -- -std=gnu11

// Calls other than exec and _exit: each is reported, with a note that
// offers fork() in place of vfork(); --fix-notes applies it.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

// Positive: the child changes directory before exec.
pid_t with_chdir(const char *dir, char *const argv[]) {
  pid_t pid = vfork();
  // CHECK-FIXES: {{^}}  pid_t pid = fork();{{$}}
  if (pid == 0) {
    if (chdir(dir) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: vfork child calls 'chdir' before exec or _exit, which is undefined: it runs on the memory and stack of the suspended parent [durability-vfork-misuse]
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: child process created by vfork here
    // CHECK-MESSAGES: :[[@LINE-6]]:15: note: use fork() if the child must do this before exec, or posix_spawn() to run a program
      _exit(126);
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}

// Positive: an allocation in an argument of an allowed call.
pid_t with_strdup(const char *path) {
  pid_t pid = vfork();
  // CHECK-FIXES: {{^}}  pid_t pid = fork();{{$}}
  if (pid == 0) {
    execl(path, strdup(path), (char *)NULL);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: vfork child calls 'strdup' before exec or _exit
    _exit(127);
  }
  return pid;
}

// Positive: a call through a pointer.
pid_t with_hook(void (*hook)(void), char *const argv[]) {
  pid_t pid = vfork();
  // CHECK-FIXES: {{^}}  pid_t pid = fork();{{$}}
  if (pid == 0) {
    hook();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls a function through a pointer before exec or _exit, which is undefined: it runs on the memory and stack of the suspended parent
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}

// Positive: vfork spelled by a macro keeps the note, without a fix.
#define SPAWN vfork
pid_t by_macro(char *const argv[]) {
  pid_t pid = SPAWN();
  // CHECK-FIXES: {{^}}  pid_t pid = SPAWN();{{$}}
  if (pid == 0) {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'sleep' before exec or _exit
    _exit(0);
  }
  return pid;
}
