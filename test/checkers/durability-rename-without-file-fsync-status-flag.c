// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// A status flag -- a bool only ever set to true or `ok && step` -- keeps
// the outcome of each step, and each later step is skipped once it is
// false: the path that skips the fsync because a write failed never
// reaches the rename either. A flag chain with no fsync at all still
// renames unsynced data.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool rotate(const char *tmp, const char *dst, const char *text) {
  bool ok = true;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return false;
  ok = ok && write(fd, text, strlen(text)) >= 0;
  ok = ok && fsync(fd) == 0;
  close(fd);
  ok = ok && rename(tmp, dst) == 0;
  return ok;
}

bool rotate_unsynced(const char *tmp, const char *dst, const char *data) {
  bool ok = true;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return false;
  ok = ok && write(fd, data, strlen(data)) >= 0;
  close(fd);
  ok = ok && rename(tmp, dst) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: the data is written here
  // CHECK-FIXES:      {{^}}  ok = ok && write(fd, data, strlen(data)) >= 0;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return false;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  return ok;
}
