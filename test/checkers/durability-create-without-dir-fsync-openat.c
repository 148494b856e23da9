// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// openat() creates the file in the directory of its fd: fsyncing that fd
// syncs the directory, and the fix does just that.

#include <fcntl.h>
#include <unistd.h>

int add_segment(int dir, const char *buf, int len) {
  int fd = openat(dir, "segment", O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of "segment" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = openat(dir, "segment", O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fsync(dir);{{$}}
  if (fd < 0)
    return -1;
  write(fd, buf, len);
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}

// Negative: the directory's fd fsynced afterwards.
int add_segment_durably(int dir, const char *buf, int len) {
  int fd = openat(dir, "segment", O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, len);
  fsync(fd);
  close(fd);
  return fsync(dir);
}
