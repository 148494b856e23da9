// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=CHAIN %s durability-mixed-direct-buffered-io %t-chain -- -std=gnu11 -D_GNU_SOURCE

// A wrapper that calls itself: its summary is solved to a fixpoint, and
// its calls are opens like those of any other wrapper.

#include <errno.h>
#include <fcntl.h>

#define LOG_FILE "/srv/log.000"

static int open_retrying(const char *path, int flags, int tries) {
  int fd = open(path, flags);
  if (fd < 0 && errno == EINTR && tries > 0)
    return open_retrying(path, flags, tries - 1);
  return fd;
}

int log_attach(void) { return open_retrying(LOG_FILE, O_WRONLY | O_DIRECT, 3); }

int log_tail(void) { return open_retrying(LOG_FILE, O_RDONLY, 3); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'LOG_FILE' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int log_tail(void) { return open_retrying(LOG_FILE, O_RDONLY | O_DIRECT, 3); }
// CHECK-NOTES-CHAIN: :[[@LINE-3]]:29: warning: 'LOG_FILE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-12]]:12: note: 'open_retrying' opens 'path' through the page cache here
// CHECK-NOTES-CHAIN: :[[@LINE-7]]:31: note: 'LOG_FILE' is opened with O_DIRECT here; add O_DIRECT to the buffered open {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-14]]:12: note: 'open_retrying' opens 'path' with O_DIRECT here
