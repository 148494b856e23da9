#define _POSIX_C_SOURCE 200809L
#include "app_paths.h"
#include <stdio.h>
#include <unistd.h>

int commit(int fd) {
  if (fsync(fd) != 0)
    return -1;
  return rename(STATE_TMP, STATE);
}
