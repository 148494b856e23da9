// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A directory sync that only some paths make: the paths that skip it leave
// the rename undoable by a crash.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SYNC_DIR 0x1u

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

// Positive: the sync is made only when the caller asks for it.
int save_state(const char *dir, const char *tmp, const char *dst,
               const char *text, unsigned flags) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  if (flags & SYNC_DIR) {
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
      return -1;
    fsync(dfd);
    close(dfd);
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Negative: both arms of the branch sync the directory, one way or another.
int save_state_either(const char *dir, const char *tmp, const char *dst,
                      const char *text, unsigned flags) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  if (flags & SYNC_DIR) {
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
      return -1;
    fsync(dfd);
    close(dfd);
  } else {
    sync();
  }
  return 0;
}
