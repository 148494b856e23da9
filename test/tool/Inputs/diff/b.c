#include "store.h"
#include <stdio.h>
#include <unistd.h>

int backup(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return rename(tmp, dst);
}
