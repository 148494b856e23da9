#include "util.h"
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int persist_fd(int fd) { return fdatasync(fd); }

int persist_path(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

void log_fd(int fd) { fprintf(stderr, "fd %d\n", fd); }
