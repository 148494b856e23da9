/* store.h - compiles only with the database's -DSAVE_FAILED=-1. */
#include <stdio.h>
#include <unistd.h>
static inline int store_save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return SAVE_FAILED;
  if (rename(tmp, dst) != 0)
    return SAVE_FAILED;
  return 0;
}
