// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// fsync of the written fd before the rename makes the data durable: silent,
// however the fd is held.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, buf, n) != (ssize_t)n || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
}

struct file {
  int fd;
  char path[64];
};

int save_field(struct file *f, const char *dst, const char *buf, size_t n) {
  f->fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(f->fd, buf, n);
  if (fsync(f->fd) != 0)
    return -1;
  close(f->fd);
  return rename(f->path, dst);
}

// Another fd of the same path, opened again and fsynced, syncs the data.
int save_reopened(const char *tmp, const char *dst, const char *buf,
                  size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  int again = open(tmp, O_RDONLY);
  if (again < 0)
    return -1;
  int rc = fsync(again);
  close(again);
  if (rc != 0)
    return -1;
  return rename(tmp, dst);
}
