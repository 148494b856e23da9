// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Flags built in a local variable before the call. The dataflow follows the
// variable, so the open before `flags |= O_DIRECT` is buffered and the one
// after it is direct.

#include <fcntl.h>
#include <unistd.h>

int reopen_direct(const char *path) {
  int flags = O_RDONLY;
  int probe = open(path, flags);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE+3]]:12: note: 'path' is opened with O_DIRECT here; add O_DIRECT to the buffered open {{.*}}
  close(probe);
  flags |= O_DIRECT;
  int fd = open(path, flags);
  return fd;
}

// Negative: the variable holds O_DIRECT at both opens.
int open_twice(const char *path) {
  int flags = O_RDWR;
  flags |= O_DIRECT;
  int a = open(path, flags);
  int b = open(path, flags | O_CLOEXEC);
  return a + b;
}

// Positive: O_DIRECT is cleared before the second open, which is buffered.
int open_cleared(const char *path) {
  int flags = O_RDWR | O_DIRECT;
  int a = open(path, flags);
  flags &= O_RDWR;
  int b = open(path, flags);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-4]]:11: note: 'path' is opened with O_DIRECT here; {{.*}}
  return a + b;
}

// Negative: a variable whose address escapes can change unseen; its opens
// are left alone.
void set_flags(int *flags);
int open_escaped(const char *path) {
  int flags = O_RDONLY;
  set_flags(&flags);
  int a = open(path, flags);
  int b = open(path, O_RDONLY | O_DIRECT);
  return a + b;
}

// Positive: a retry loop with an empty for-header around the opens (a CFG
// and an AST with empty slots, which once crashed the variable walk).
int open_retrying(const char *path) {
  int flags = O_RDONLY;
  int fd;
  for (;;) {
    fd = open(path, flags);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'path' is also opened with O_DIRECT; {{.*}}
    // CHECK-NOTES: :[[@LINE+4]]:15: note: 'path' is opened with O_DIRECT here; {{.*}}
    if (fd >= 0)
      break;
  }
  return fd + open(path, flags | O_DIRECT);
}
