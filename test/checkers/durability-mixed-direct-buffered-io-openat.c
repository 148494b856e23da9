// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// openat names a file by a directory fd and a name. The same name under the
// same dirfd expression is the same file; AT_FDCWD and an absolute path make
// it a plain open.

#include <fcntl.h>

struct db {
  int dirfd;
  int otherfd;
};

int db_open_data(struct db *d) {
  return openat(d->dirfd, "data", O_RDWR | O_DIRECT);
}

// Positive: the same name under the same dirfd expression.
int db_scan_data(struct db *d) { return openat(d->dirfd, "data", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: "data" is also opened with O_DIRECT; {{.*}}

// Negative: the same name in another directory.
int db_scan_other(struct db *d) { return openat(d->otherfd, "data", O_RDONLY); }

// Negative: the same name relative to the working directory.
int cwd_data(void) { return open("data", O_RDONLY); }

// Positive: AT_FDCWD is the working directory that open uses.
int cwd_log_direct(void) { return openat(AT_FDCWD, "log", O_RDWR | O_DIRECT); }
int cwd_log(void) { return open("log", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: "log" is also opened with O_DIRECT; {{.*}}

// Positive: an absolute path ignores the dirfd.
int abs_direct(struct db *d) {
  return openat(d->otherfd, "/srv/abs", O_RDWR | O_DIRECT);
}
int abs_read(void) { return open("/srv/abs", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: "/srv/abs" is also opened with O_DIRECT; {{.*}}
