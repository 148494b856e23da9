#include "store.h"

/* run_child is util.c's, and only execs and exits. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run_child(argv);
  return pid;
}

/* ping tries one way, then pong (env.cpp) the other. */
pid_t spawn_retry(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    ping(argv);
  return pid;
}

void ping(char *const argv[]) {
  execv(argv[0], argv);
  pong(argv);
}
