// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A lockfile API: the caller writes and fsyncs through `struct lock`, then
// commits it; the rename is two wrappers down and reaches the lock's
// fields. The caller shows the intent on the same lock, so the finding is
// at its call, naming the destination as the caller sees it.

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

int commit_lock_to(struct lock *lk, const char *path) {
  close(lk->fd);
  return rename(lk->tmp, path);
}

int commit_lock(struct lock *lk) { return commit_lock_to(lk, lk->path); }

int write_index(struct lock *held, const char *data) {
  struct lock lk = *held;
  if (write(lk.fd, data, strlen(data)) < 0 || fsync(lk.fd) != 0)
    return -1;
  if (commit_lock(&lk) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'lk.path' by 'commit_lock' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (commit_lock(&lk) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(lk.path);{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :26:43: note: 'commit_lock' renames 'lk->tmp' to 'lk->path' here
  // CHECK-MESSAGES: :23:10: note: 'commit_lock_to' renames 'lk->tmp' to 'path' here
  return 0;
}

// The same through a pointer to the lock: 'lk->path'.
int write_index_at(struct lock *lk, const char *data) {
  if (write(lk->fd, data, strlen(data)) < 0 || fsync(lk->fd) != 0)
    return -1;
  if (commit_lock(lk) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'lk->path' by 'commit_lock' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(lk->path);{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :26:43: note: 'commit_lock' renames 'lk->tmp' to 'lk->path' here
  // CHECK-MESSAGES: :23:10: note: 'commit_lock_to' renames 'lk->tmp' to 'path' here
  return 0;
}

// Negative: moving a partial lock file aside shows no intent.
int abandon_lock(struct lock *lk) { return commit_lock(lk); }
