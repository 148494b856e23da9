#include "hooks.h"
#include <stdio.h>
#include <unistd.h>

int publish(const struct hooks *h, int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  h->after(dst);
  return 0;
}

int publish_reported(const struct hooks *h, int fd, const char *tmp,
                     const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  h->report(dst);
  return 0;
}
