#include "util.h"
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* The data sync is in util.c: only the driver can see it. */
int save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  persist_fd(fd);
  close(fd);
  return rename(tmp, dst);
}

/* Two translation units away, by path: chain.c calls util.c. */
int save_path(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  persist_path_via(tmp);
  return rename(tmp, dst);
}

/* The helper only logs: the finding stays. */
int save_logged(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  log_fd(fd);
  close(fd);
  return rename(tmp, dst);
}

/* The helper syncs, but only after the rename: too late. */
int save_late(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  int rc = rename(tmp, dst);
  persist_fd(fd);
  close(fd);
  return rc;
}
