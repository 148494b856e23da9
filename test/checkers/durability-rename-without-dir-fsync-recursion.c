// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Wrappers that call themselves, or each other: their summaries are solved
// to a fixpoint, and the rename they leave unsynced is reported once, at
// the call in the function with the intent.

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rename_retry(const char *tmp, const char *dst, int tries) {
  if (rename(tmp, dst) == 0)
    return 0;
  if (errno == EINTR && tries > 0)
    return rename_retry(tmp, dst, tries - 1);
  return -1;
}

int move_b(const char *tmp, const char *dst, int depth);
int move_a(const char *tmp, const char *dst, int depth) {
  if (depth > 0)
    return move_b(tmp, dst, depth - 1);
  return rename(tmp, dst);
}
int move_b(const char *tmp, const char *dst, int depth) {
  return move_a(tmp, dst, depth);
}

int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename_retry(tmp, dst, 3) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'rename_retry' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :16:7: note: 'rename_retry' renames 'tmp' to 'dst' here
  return 0;
}

int save_mutual(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (move_b(tmp, dst, 2) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'move_b' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :30:10: note: 'move_b' renames 'tmp' to 'dst' here
  // CHECK-MESSAGES: :27:10: note: 'move_a' renames 'tmp' to 'dst' here
  return 0;
}

// A sync that recurses over a tree: it discharges when it returns.
int sync_tree(const char *dir, int depth) {
  if (depth > 0)
    return sync_tree(dir, depth - 1);
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: the recursive sync follows the rename.
int save_synced(int fd, const char *tmp, const char *dst, const char *dir) {
  if (fsync(fd) != 0 || rename_retry(tmp, dst, 3) != 0)
    return -1;
  return sync_tree(dir, 2);
}
