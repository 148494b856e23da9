#include "store.h"
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return rename(tmp, dst);
}

int journal_append(const void *block, size_t len) {
  int fd = open("/var/lib/kv/journal", O_WRONLY | O_DIRECT, STORE_MODE);
  if (fd < 0)
    return -1;
  ssize_t n = write(fd, block, len);
  if (close(fd) != 0) n = -1;
  return n < 0 ? -1 : 0;
}

ssize_t journal_read(void *buf, size_t len) {
  int fd = open("/var/lib/kv/journal", O_RDONLY);
  if (fd < 0)
    return -1;
  ssize_t n = read(fd, buf, len);
  close(fd);
  return n;
}
