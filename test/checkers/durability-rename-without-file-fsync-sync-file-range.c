// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11 -D_GNU_SOURCE

// sync_file_range writes the data pages out, but not the inode (the file's
// size and block map), and it flushes no disk cache: the rename still
// comes before the data is durable.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  sync_file_range(fd, 0, 0,
                  SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                      SYNC_FILE_RANGE_WAIT_AFTER);
  close(fd);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' after only sync_file_range, which writes the data pages but not the inode and flushes no disk cache; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-7]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: fsync 'fd' before it is closed, and act on its failure
}

// Negative: sync_file_range to start the writeback early, then fdatasync.
void save_then_sync(const char *tmp, const char *dst, const char *buf,
                    size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  if (fdatasync(fd) != 0)
    return;
  close(fd);
  rename(tmp, dst);
}
