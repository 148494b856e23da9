#include "retry.h"
#include <sys/types.h>
#include <unistd.h>

/* ping and pong call each other across two units, and only exec or exit:
   neither returns, so the child ends in ping. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    ping(argv);
  return pid;
}
