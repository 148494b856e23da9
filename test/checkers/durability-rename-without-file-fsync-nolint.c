// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// NOLINT on the rename's line, or NOLINTNEXTLINE above it, silences the
// check there and nowhere else.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void scratch(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst); // NOLINT(durability-rename-without-file-fsync)
}

void cache(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  // NOLINTNEXTLINE(durability-rename-without-file-fsync)
  rename(tmp, dst);
}

void kept(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst); // NOLINT(durability-rename-without-dir-fsync)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
}
