// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// Negative: a new file unlinked again before the function returns -- a
// probe of the file system, a lock taken and released -- leaves nothing
// in the directory to make durable.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int probe_sync(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  write(fd, "x", 1);
  int rc = fsync(fd);
  close(fd);
  unlink(path);
  return rc;
}

int probe_with_remove(void) {
  int fd = open("probe", O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  int rc = fdatasync(fd);
  close(fd);
  remove("probe");
  return rc;
}

int probe_at(int dir) {
  int fd = openat(dir, "probe", O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  unlinkat(dir, "probe", 0);
  return rc;
}
