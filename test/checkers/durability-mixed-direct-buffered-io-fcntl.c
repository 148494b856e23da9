// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// fcntl(fd, F_SETFL, ... | O_DIRECT) turns a buffered open into a direct
// one, the way dd's oflag=direct does.

#include <fcntl.h>
#include <unistd.h>

struct dump {
  const char *file;
};

int dump_start(struct dump *d) {
  int fd = open(d->file, O_WRONLY | O_CREAT, 0644);
  if (fd < 0)
    return -1;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_DIRECT);
  return fd;
}

// Positive: the file given O_DIRECT above is read through the page cache.
int dump_verify(struct dump *d) { return open(d->file, O_RDONLY); }
// CHECK-NOTES: :[[@LINE-1]]:42: warning: 'd->file' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-7]]:3: note: O_DIRECT is set on a descriptor of 'd->file' here; add O_DIRECT to the buffered open and align its buffers and offsets, or drop O_DIRECT

// Negative: F_SETFL without O_DIRECT, and F_SETFD, which sets fd flags.
int log_start(const char *log) {
  int fd = open(log, O_WRONLY | O_APPEND);
  fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd + open(log, O_RDONLY);
}
