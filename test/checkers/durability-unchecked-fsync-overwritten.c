// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// A result stored in a local and assigned again before any read: the first
// failure is lost. Reads in between, and a store that adds to it, keep it.

#include <unistd.h>

int sync_then_close(int fd) {
  int rc = fsync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: result of 'fsync' stored in 'rc' is overwritten before it is read; a failure is lost [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: 'rc' is assigned again here
  // CHECK-NOTES: :[[@LINE-3]]:12: note: check it: 'if (fsync(fd) != 0)' then
  rc = close(fd);
  return rc;
}

// Only the last of the loop's results is read.
int sync_all(const int *fds, int n) {
  int rc = 0;
  for (int i = 0; i < n; i++)
    rc = fsync(fds[i]);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: result of 'fsync' stored in 'rc' is overwritten before it is read; a failure is lost [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: 'rc' is assigned again here
  // CHECK-NOTES: :[[@LINE-3]]:10: note: check it
  return rc;
}

// Negatives.
int read_between(int fd) {
  int rc = fsync(fd);
  if (rc != 0)
    return rc;
  rc = close(fd);
  return rc;
}

int accumulated(const int *fds, int n) {
  int rc = 0;
  for (int i = 0; i < n; i++)
    rc |= fsync(fds[i]);
  return rc;
}

int stored_in_loop_and_read(const int *fds, int n) {
  for (int i = 0; i < n; i++) {
    int rc = fsync(fds[i]);
    if (rc < 0)
      return -1;
  }
  return 0;
}
