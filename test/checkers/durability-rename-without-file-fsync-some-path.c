// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// One path to the rename skips the fsync: a crash after a save down that
// path loses the file just the same.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(const char *tmp, const char *dst, const char *buf, size_t n,
         int fast) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, n);
  if (!fast && fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
}

// Negative: every path syncs, each in its own branch.
int save_both(const char *tmp, const char *dst, const char *buf, size_t n,
              int data_only) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, n);
  int rc = data_only ? fdatasync(fd) : fsync(fd);
  close(fd);
  if (rc != 0)
    return -1;
  return rename(tmp, dst);
}

// Negative: the unsynced path leaves before the rename.
int save_or_leave(const char *tmp, const char *dst, const char *buf, size_t n,
                  int dry_run) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, n);
  if (dry_run) {
    close(fd);
    return 0;
  }
  if (fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
}
