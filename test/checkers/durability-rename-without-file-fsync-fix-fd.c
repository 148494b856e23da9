// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// The fix inserts fsync(fd) before the close, and on its failure does what
// the function does when its other calls fail: the branch of its last
// failure test before the close, with the close added where that branch
// does not close or jump to a cleanup.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

// Returns -1 on failure.
int save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, buf, n) != (ssize_t)n) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (rename(tmp, dst) != 0){{$}}
  return 0;
}

// Jumps to a cleanup label: the branch is taken as it is.
int save_goto(const char *tmp, const char *dst, const char *buf, size_t n) {
  int rc = -1;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    goto out;
  if (write(fd, buf, n) < 0)
    goto out_close;
  if (close(fd) != 0)
    goto out;
  rc = rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}    goto out_close;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    goto out_close;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (close(fd) != 0){{$}}
out:
  return rc;
out_close:
  close(fd);
  return rc;
}
