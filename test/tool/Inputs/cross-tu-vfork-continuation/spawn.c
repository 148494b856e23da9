#include "try.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

int failed;

/* try_exec (try.c) returns when execv fails: the write after it is the
   child's. */
pid_t spawn_flag(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    failed = 1;
    _exit(127);
  }
  return pid;
}

/* exit after the wrapper: reported with its fix. */
pid_t spawn_exit(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    exit(127);
  }
  return pid;
}

/* Nothing ends the child after the wrapper: it returns. */
pid_t spawn_return(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    try_exec(argv);
  return pid;
}

/* NOLINT on the line after the wrapper silences what the join finds. */
pid_t spawn_quiet(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    failed = 2; // NOLINT(durability-vfork-misuse)
    _exit(127);
  }
  return pid;
}

#define FAIL(code) (failed = (code))

/* A write spelled by a macro: a note names the macro. */
pid_t spawn_macro(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    FAIL(3);
    _exit(127);
  }
  return pid;
}

/* A call after the wrapper, with the note that offers fork(). */
pid_t spawn_log(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    try_exec(argv);
    puts("exec failed");
    _exit(127);
  }
  return pid;
}

/* The same code with the wrapper in this unit, for the report it gives. */
#ifdef SAME_UNIT
#include "try.c"
#endif
