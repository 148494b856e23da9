/* A nolintbegin without its nolintend silences nothing, and is an error. */
#include <stdio.h>
#include <unistd.h>

// NOLINTBEGIN(durability-rename-without-dir-fsync)
int open_block(int fd, const char *tmp, const char *dst) {
  fsync(fd);
  return rename(tmp, dst);
}
