#include "child.h"
#include <sys/types.h>
#include <unistd.h>

/* The wrapper in child.c only execs: only the driver can see that. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0)
    run_child(argv);
  return pid;
}

/* log_msg writes to stdio from the child: the finding stays. */
pid_t spawn_logged(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    log_msg("starting");
    run_child(argv);
  }
  return pid;
}
