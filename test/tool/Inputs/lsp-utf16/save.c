#include <stdio.h>
#include <unistd.h>

int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  /* déjà 💾 */ if (rename(tmp, dst) != 0)
    return -1;
  return 0;
}
