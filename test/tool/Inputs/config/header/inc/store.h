#include <stdio.h>
#include <unistd.h>

/* A finding in a header: reported only where the header filter allows. */
static inline int store_save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return rename(tmp, dst);
}
