// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The intent can show in a sibling call on the same handle: one helper
// writes and fsyncs through the lock, another commits it. The caller that
// calls both is where the finding is; a caller that only commits is not.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lock {
  int fd;
  char *tmp;
  char *path;
};

int write_lock(struct lock *lk, const char *data) {
  if (write(lk->fd, data, strlen(data)) < 0)
    return -1;
  return fsync(lk->fd);
}

int commit_lock(struct lock *lk) {
  close(lk->fd);
  return rename(lk->tmp, lk->path);
}

int update_ref(struct lock *lk, const char *value) {
  if (write_lock(lk, value) != 0)
    return -1;
  if (commit_lock(lk) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'lk->path' by 'commit_lock' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(lk->path);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :28:10: note: 'commit_lock' renames 'lk->tmp' to 'lk->path' here
  return 0;
}

// Negative: a helper that syncs another lock shows nothing for this one.
int update_two(struct lock *data, struct lock *log, const char *value) {
  if (write_lock(log, value) != 0)
    return -1;
  return commit_lock(data);
}

// Negative: committing what another function wrote.
int finish(struct lock *lk) { return commit_lock(lk); }
