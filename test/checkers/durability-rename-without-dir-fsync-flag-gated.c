// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A directory sync gated by the same flag as the data sync is correct:
// where the flag is off, the caller asked for no durability at all. Paths
// are told apart by the value of a flag the function tests and never
// changes -- a global, a parameter, a field -- through the calls it is
// passed to, as a constant or as the caller's own flag.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern int do_fsync;
int fsync_parent_dir(const char *path);

// Negative: rsync's shape, one global flag for both syncs.
int finish_transfer(int fd, const char *tmp, const char *dst) {
  if (do_fsync && fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  if (do_fsync)
    fsync_parent_dir(dst);
  return 0;
}

// Positive: the flag gates the data sync, nothing syncs the directory.
int finish_unsynced(int fd, const char *tmp, const char *dst) {
  if (do_fsync && fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// A wrapper that syncs the directory only when asked.
static int move_into_place(const char *tmp, const char *dst, int durable) {
  if (rename(tmp, dst) != 0)
    return -1;
  if (durable)
    return fsync_parent_dir(dst);
  return 0;
}

// Negative: asks for the sync with a constant.
int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return move_into_place(tmp, dst, 1);
}

// Negative: passes its own flag, which gates its data sync too.
int save_as_asked(int fd, const char *tmp, const char *dst, int durable) {
  if (durable && fsync(fd) != 0)
    return -1;
  return move_into_place(tmp, dst, durable);
}

// Positive: syncs the data, but asks the wrapper for no directory sync.
int save_fast(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (move_into_place(tmp, dst, 0) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'move_into_place' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :44:7: note: 'move_into_place' renames 'tmp' to 'dst' here
  return 0;
}

enum { MUST_SYNC = 1, BACKUP = 2 };
int atomic_commit(const char *tmp, const char *dst);

// Negative: dpkg's writedb(), a bit of a flags word gates both syncs.
int writedb(int fd, const char *tmp, const char *dst, int flags) {
  if ((flags & MUST_SYNC) && fsync(fd) != 0)
    return -1;
  if (atomic_commit(tmp, dst) != 0)
    return -1;
  if (flags & MUST_SYNC)
    fsync_parent_dir(dst);
  return 0;
}

int atomic_commit(const char *tmp, const char *dst) { return rename(tmp, dst); }

// Negative: a caller that asks for the sync; the bit is passed on.
int write_status(int fd) {
  return writedb(fd, "status-new", "status", MUST_SYNC | BACKUP);
}

struct options {
  const char *sync_dir;
};

// Negative: a nullable pointer gates both syncs.
int store(const struct options *opt, int fd, const char *tmp,
          const char *dst) {
  if (opt->sync_dir != NULL && fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  if (opt->sync_dir != NULL) {
    int dfd = open(opt->sync_dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
      return -1;
    fsync(dfd);
    close(dfd);
  }
  return 0;
}
