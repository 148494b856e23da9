// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// One wrapper serves three callers: one that wrote and synced the file and
// needs the rename durable (reported at its call), one that syncs the
// directory after the call (silent), and one that only moves a file aside
// (silent). The wrapper itself reports nothing: half its callers are right.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsync_parent_dir(const char *path);

int move_file(const char *from, const char *to) {
  if (rename(from, to) != 0) {
    perror("rename");
    return -1;
  }
  return 0;
}

int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (move_file(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'move_file' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :18:7: note: 'move_file' renames 'from' to 'to' here
  return 0;
}

int save_durably(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (move_file(tmp, dst) != 0)
    return -1;
  return fsync_parent_dir(dst);
}

int keep_partial(const char *partial, const char *aside) {
  return move_file(partial, aside);
}
