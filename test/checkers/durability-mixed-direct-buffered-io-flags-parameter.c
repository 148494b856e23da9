// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=CHAIN %s durability-mixed-direct-buffered-io %t-chain -- -std=gnu11 -D_GNU_SOURCE

// A wrapper that opens with the flags its caller passes, as e2fsprogs'
// ext2fs_open_file(name, flags) does: each call decides the mode from its
// own flags. A constant argument decides it; one the caller cannot know
// leaves the call unknown, and unknown is never reported.

#include <fcntl.h>

#define DEVICE "/dev/sdb"

struct settings {
  int open_flags;
};

int dev_open_file(const char *name, int flags) {
  return open(name, flags | O_CLOEXEC);
}

int dev_attach(void) { return dev_open_file(DEVICE, O_RDWR | O_DIRECT); }

// Positive: constant flags without O_DIRECT. The fix adds the flag to the
// call's argument, never inside the shared wrapper.
int dev_probe(void) { return dev_open_file(DEVICE, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'DEVICE' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
// CHECK-FIXES: int dev_probe(void) { return dev_open_file(DEVICE, O_RDONLY | O_DIRECT); }
// CHECK-NOTES-CHAIN: :[[@LINE-3]]:30: warning: 'DEVICE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-11]]:10: note: 'dev_open_file' opens 'name' through the page cache here
// CHECK-NOTES-CHAIN: :[[@LINE-9]]:31: note: 'DEVICE' is opened with O_DIRECT here; add O_DIRECT to the buffered open and align its buffers and offsets, or drop O_DIRECT
// CHECK-NOTES-CHAIN: :[[@LINE-13]]:10: note: 'dev_open_file' opens 'name' with O_DIRECT here

// Negative: flags that only this function's callers know, and it has none.
int dev_open_with(int flags) { return dev_open_file(DEVICE, flags); }

// Negative: flags read from a setting at run time.
int dev_open_configured(const struct settings *s) {
  return dev_open_file(DEVICE, s->open_flags);
}
