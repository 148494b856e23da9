// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// A failed fsync whose failure path carries on to a later fsync of the same
// fd, and takes that one's success for durability.

#include <stdio.h>
#include <unistd.h>

struct file {
  int fd;
};

int commit(struct file *f) {
  if (fsync(f->fd) != 0)
    fprintf(stderr, "fsync failed, trying again\n");
  if (fsync(f->fd) != 0)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'fsync' of 'f->fd' is retried after it failed; {{.*}} [durability-unchecked-fsync]
    // CHECK-NOTES: :[[@LINE-4]]:7: note: the sync fails here, and this path goes on to sync the same file again
    // CHECK-NOTES: :[[@LINE-3]]:7: note: on failure, return an error
    return -1;
  return 0;
}

// Negative: another fd.
int commit_both(struct file *a, struct file *b) {
  int failed = 0;
  if (fsync(a->fd) != 0)
    failed = 1;
  if (fsync(b->fd) != 0)
    failed = 1;
  return failed ? -1 : 0;
}
