#include "retry.h"
#include <errno.h>
#include <unistd.h>

void pong(char *const argv[]) {
  execvp(argv[0], argv);
  if (errno == ENOENT)
    ping(argv);
  _exit(127);
}
