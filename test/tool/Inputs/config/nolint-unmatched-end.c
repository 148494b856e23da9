/* A nolintend without its nolintbegin silences nothing, and is an error. */
#include <stdio.h>
#include <unistd.h>

int open_end(int fd, const char *tmp, const char *dst) {
  fsync(fd);
  return rename(tmp, dst);
}
// NOLINTEND(durability-rename-without-dir-fsync)
