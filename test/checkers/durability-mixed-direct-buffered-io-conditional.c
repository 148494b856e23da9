// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// O_DIRECT chosen at run time. One open whose O_DIRECT depends on a
// condition is one open, not a mix; but when the condition holds, a buffered
// open of the same file elsewhere is.

#include <fcntl.h>
#include <stdbool.h>

struct options {
  bool direct;
};

// Negative: a single open, direct or not.
int data_open(const struct options *o) {
  return open("/srv/data", O_RDWR | (o->direct ? O_DIRECT : 0));
}

// Negative: a single open whose flags variable gets O_DIRECT on one branch.
int index_open(const struct options *o, const char *path) {
  int flags = O_RDWR;
  if (o->direct)
    flags |= O_DIRECT;
  return open(path, flags);
}

// Positive: the log may be opened with O_DIRECT, and is also read through
// the page cache.
int log_open(const struct options *o) {
  int flags = O_WRONLY | O_APPEND;
  if (o->direct)
    flags |= O_DIRECT;
  return open("/srv/log", flags);
}
int log_replay(void) { return open("/srv/log", O_RDONLY); }
// CHECK-NOTES: :[[@LINE-1]]:31: warning: "/srv/log" is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-4]]:10: note: "/srv/log" may be opened with O_DIRECT here; add O_DIRECT to the buffered open {{.*}}
