// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A directory sync only covers the entries that exist when it runs: one
// before the call that renames, in the caller or in a helper, does not
// discharge the rename's obligation.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sync_dir_of(const char *path) {
  char buf[4096];
  strncpy(buf, path, sizeof buf - 1);
  buf[sizeof buf - 1] = '\0';
  int dfd = open(dirname(buf), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

int move_file(const char *from, const char *to) { return rename(from, to); }

int publish(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0 || sync_dir_of(dst) != 0)
    return -1;
  if (move_file(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'move_file' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :26:58: note: 'move_file' renames 'from' to 'to' here
  return 0;
}

// Negative: the same helper after the call.
int publish_fixed(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0 || move_file(tmp, dst) != 0)
    return -1;
  return sync_dir_of(dst);
}
