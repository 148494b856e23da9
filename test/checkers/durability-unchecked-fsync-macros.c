// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// Syncs that macros write: a call spelled by a macro, and functions that a
// macro defines whole, one or two to an expansion. The check walks only the
// functions around a sync; these find theirs by the expansion's place.

#include <unistd.h>

#define SYNC(fd) fsync(fd)
#define DEFINE_FLUSH(name)                                                     \
  void name(int fd) { fsync(fd); }
#define TWO_FLUSHERS(a, b)                                                     \
  void a(int fd) { (void)fd; }                                                 \
  void b(int fd) { fdatasync(fd); }

void through_macro(int fd) { SYNC(fd); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]

DEFINE_FLUSH(flush_log)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]

TWO_FLUSHERS(quiet, loud)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: result of 'fdatasync' is ignored; {{.*}} [durability-unchecked-fsync]

// Negative: the macro's value is tested.
int checked_through_macro(int fd) { return SYNC(fd) != 0 ? -1 : 0; }
