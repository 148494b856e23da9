#include "entry.h"
#include <stdio.h>
#include <string.h>

int save(int fd, const char *tmp, const char *dst) {
  char copy[4096];
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  strncpy(copy, dst, sizeof(copy) - 1);
  copy[sizeof(copy) - 1] = '\0';
  return record_entry(copy);
}
