// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// The ext4 zero-length-file bug: a temporary is written, closed and renamed
// over the destination, and its data is never fsynced. The function has no
// error convention to follow, so the fsync it needs is only described.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

// Positive: write, close, rename.
void save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: fsync 'fd' before it is closed, and act on its failure
}

// Positive: pwrite is a write too.
void save_at(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pwrite(fd, buf, n, 0);
  close(fd);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: fsync 'fd' before it is closed, and act on its failure
}

// Negative: the renamed file is only read.
void archive(const char *path, const char *old, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  read(fd, buf, n);
  close(fd);
  rename(path, old);
}

// Negative: the file written is not the one renamed.
void log_and_move(const char *log, const char *src, const char *dst,
                  const char *buf, size_t n) {
  int fd = open(log, O_WRONLY | O_APPEND);
  write(fd, buf, n);
  close(fd);
  rename(src, dst);
}

// Negative: the file is opened for writing but nothing is written to it.
void touch_and_move(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT, 0644);
  close(fd);
  rename(tmp, dst);
}
