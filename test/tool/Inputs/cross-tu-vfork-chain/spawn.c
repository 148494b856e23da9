#include "chain.h"
#include <sys/types.h>
#include <unistd.h>

/* run_wrapped (wrap.c) calls exec_or_die (exec.c), which only execs and
   exits: only the whole program shows that the child never returns. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run_wrapped(argv);
  return pid;
}

/* A helper of this unit on the way to the same chain. */
static void start(char *const argv[]) { run_wrapped(argv); }

pid_t spawn_helper(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    start(argv);
  return pid;
}

/* The same chain, but its last wrapper logs: the call stays reported. */
pid_t spawn_logged(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run_logged(argv);
  return pid;
}

/* A helper of this unit on the way to the chain that logs: the notes go
   down through all three units. */
static void start_logged(char *const argv[]) { run_logged(argv); }

pid_t spawn_logged_helper(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    start_logged(argv);
  return pid;
}
