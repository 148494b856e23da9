// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// fdatasync flushes the data and the size the rename needs: silent.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, n);
  if (fdatasync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
}

// Positive next to it: the fdatasync is of another file.
int save_other(const char *tmp, const char *dst, int logfd, const char *buf,
               size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  if (fdatasync(logfd) != 0)
    return -1;
  close(fd);
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
}
