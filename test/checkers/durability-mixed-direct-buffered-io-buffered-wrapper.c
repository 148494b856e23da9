// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A function that opens its parameter through the page cache: each call of
// it is a buffered open of the argument, reported at the call with a note
// down to the wrapper's open. The wrapper itself, shared by callers that
// open other files, is never reported.

#include <fcntl.h>
#include <stdio.h>

#define JOURNAL "/srv/kv/journal"

int journal_open(void) {
  return open(JOURNAL, O_WRONLY | O_APPEND | O_DIRECT);
}

static FILE *open_for_reading(const char *path) { return fopen(path, "r"); }

// Positive: the journal, read through the wrapper.
FILE *journal_replay(void) { return open_for_reading(JOURNAL); }
// CHECK-NOTES: :[[@LINE-1]]:37: warning: 'JOURNAL' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
// CHECK-NOTES: :[[@LINE-5]]:58: note: 'open_for_reading' opens 'path' through the page cache here
// CHECK-NOTES: :[[@LINE-9]]:10: note: 'JOURNAL' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead and align its buffers and offsets, or drop O_DIRECT

// Negative: silenced at the call.
FILE *journal_check(void) {
  return open_for_reading(JOURNAL); // NOLINT(durability-mixed-direct-buffered-io)
}

// Negative: another file through the same wrapper.
FILE *config_read(void) { return open_for_reading("/etc/kv.conf"); }
