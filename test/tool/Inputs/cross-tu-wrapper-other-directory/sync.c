#include "dirs.h"
#include <fcntl.h>
#include <unistd.h>

int open_and_sync(const char *dir) {
  int d = open(dir, O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  int rc = fsync(d);
  close(d);
  return rc;
}
