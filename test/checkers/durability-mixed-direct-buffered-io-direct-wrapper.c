// RUN: %check_durability -fix-notes -allow-remaining-warnings %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=CHAIN %s durability-mixed-direct-buffered-io %t-chain -- -std=gnu11 -D_GNU_SOURCE

// A function that opens its parameter with O_DIRECT: each call of it opens
// the argument with O_DIRECT. A buffered open of that file elsewhere is
// reported, with a note at the call and one down to the wrapper's open.

#include <fcntl.h>
#include <stdio.h>

#define DATA_PATH "/srv/db/data"

static int open_direct(const char *path) {
  return open(path, O_RDWR | O_DIRECT);
}

int data_attach(void) { return open_direct(DATA_PATH); }

// Positive: fopen cannot take O_DIRECT; the note says what to do instead.
FILE *data_dump(void) { return fopen(DATA_PATH, "r"); }
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'DATA_PATH' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
// CHECK-NOTES-CHAIN: :[[@LINE-2]]:32: warning: 'DATA_PATH' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
// CHECK-NOTES-CHAIN: :[[@LINE-6]]:32: note: 'DATA_PATH' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead and align its buffers and offsets, or drop O_DIRECT
// CHECK-NOTES-CHAIN: :[[@LINE-10]]:10: note: 'open_direct' opens 'path' with O_DIRECT here

// Positive: open() takes the flag; the fix is on the note.
int data_scan(void) { return open(DATA_PATH, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'DATA_PATH' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int data_scan(void) { return open(DATA_PATH, O_RDONLY | O_DIRECT); }
// CHECK-NOTES-CHAIN: :[[@LINE-3]]:30: warning: 'DATA_PATH' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-14]]:32: note: 'DATA_PATH' is opened with O_DIRECT here; add O_DIRECT to the buffered open and align its buffers and offsets, or drop O_DIRECT
// CHECK-NOTES-CHAIN: :[[@LINE-18]]:10: note: 'open_direct' opens 'path' with O_DIRECT here

// Negative: the wrapper opens another file here.
int log_attach(void) { return open_direct("/srv/db/log"); }
int log_scan(void) { return open("/srv/db/log.1", O_RDONLY); }
