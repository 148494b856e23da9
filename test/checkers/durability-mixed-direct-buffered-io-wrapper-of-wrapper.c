// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=CHAIN %s durability-mixed-direct-buffered-io %t-chain -- -std=gnu11 -D_GNU_SOURCE

// Wrappers of wrappers compose: open_direct() passes its parameter and
// O_DIRECT to raw_open(), which opens with them. The notes walk down the
// chain to the open.

#include <fcntl.h>

#define SEGMENT "/srv/seg.000"

static int raw_open(const char *path, int flags) { return open(path, flags); }

static int open_direct(const char *path) {
  return raw_open(path, O_RDWR | O_DIRECT);
}

int segment_attach(void) { return open_direct(SEGMENT); }

// Positive: the inner wrapper, called with buffered flags.
int segment_verify(void) { return raw_open(SEGMENT, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'SEGMENT' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int segment_verify(void) { return raw_open(SEGMENT, O_RDONLY | O_DIRECT); }
// CHECK-NOTES-CHAIN: :[[@LINE-3]]:35: warning: 'SEGMENT' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-13]]:59: note: 'raw_open' opens 'path' through the page cache here
// CHECK-NOTES-CHAIN: :[[@LINE-8]]:35: note: 'SEGMENT' is opened with O_DIRECT here; add O_DIRECT to the buffered open {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-12]]:10: note: 'open_direct' opens 'path' through 'raw_open' here
// CHECK-NOTES-CHAIN: :[[@LINE-16]]:59: note: 'raw_open' opens 'path' with O_DIRECT here
