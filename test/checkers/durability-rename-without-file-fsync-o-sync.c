// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// An fd opened with O_SYNC or O_DSYNC writes through to the disk: each
// write returns once the data is durable, so no fsync is owed.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void save_sync(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_SYNC, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst);
}

void save_dsync(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_DSYNC, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst);
}

// Positive next to them: O_APPEND is no sync.
void save_append(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_APPEND, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
}
