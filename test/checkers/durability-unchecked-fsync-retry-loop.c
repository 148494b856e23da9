// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11 -D_GNU_SOURCE

// A failed fsync retried on the same fd in a loop: Linux reports a
// writeback error once and marks the pages clean, so the retry succeeds and
// the loop takes that for durability (PostgreSQL, 2018). Retrying after
// EINTR is fine: no writeback error was consumed.

#include <errno.h>
#include <unistd.h>

void sync_until_done(int fd) {
  while (fsync(fd) != 0) {
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'fsync' of 'fd' is retried after it failed; Linux reports a writeback error once and marks the pages clean, so the retry can succeed with the data lost [durability-unchecked-fsync]
    // CHECK-NOTES: :[[@LINE-2]]:10: note: the sync fails here, and this path goes on to sync the same file again
    // CHECK-NOTES: :[[@LINE-3]]:10: note: on failure, return an error, abort, or reopen the file and write the data again before syncing it
    sleep(1);
  }
}

int sync_three_times(int fd) {
  for (int attempt = 0; attempt < 3; attempt++) {
    int rc = fdatasync(fd);
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'fdatasync' of 'fd' is retried after it failed; {{.*}} [durability-unchecked-fsync]
    // CHECK-NOTES: :[[@LINE-2]]:14: note: the sync fails here
    // CHECK-NOTES: :[[@LINE-3]]:14: note: on failure, return an error
    if (rc == 0)
      return 0;
  }
  return -1;
}

// Negatives: interrupted calls retried, and a loop that leaves on failure.
int sync_interrupted(int fd) {
  int rc;
  do {
    rc = fsync(fd);
  } while (rc == -1 && errno == EINTR);
  return rc;
}

int sync_unless_interrupted(int fd) {
  while (fsync(fd) != 0) {
    if (errno != EINTR)
      return -1;
  }
  return 0;
}

int sync_each(const int *fds, int n) {
  for (int i = 0; i < n; i++)
    if (fsync(fds[i]) != 0)
      return -1;
  return 0;
}

long sync_with_glibc_retry(int fd) { return TEMP_FAILURE_RETRY(fsync(fd)); }
