// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// A result stored in a local that some path leaves the function without
// reading. A path that ends in a call that does not return owes nothing.

#include <stdlib.h>
#include <unistd.h>

int flush_log(int fd, int verbose) {
  int rc = fdatasync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: result of 'fdatasync' stored in 'rc' is not read on some path; a failure is lost [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: check it: 'if (fdatasync(fd) != 0)' then
  if (verbose)
    return rc;
  return 0;
}

void never(int fd) {
  int rc;
  rc = fsync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: result of 'fsync' stored in 'rc' is not read on some path; a failure is lost [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:8: note: check it
}

// Negatives.
int read_on_every_path(int fd, int verbose) {
  int rc = fsync(fd);
  if (verbose && rc != 0)
    abort();
  return rc;
}

int aborts_unread(int fd, int strict) {
  int rc = fsync(fd);
  if (strict)
    abort();
  return rc;
}
