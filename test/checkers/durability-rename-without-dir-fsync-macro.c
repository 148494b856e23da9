// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Renames and syncs spelled through macros. The warning goes to the macro's
// use, and a macro that names fdatasync is fdatasync.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ATOMIC_RENAME(a, b) rename(a, b)
#define my_fsync fdatasync

static int write_blob(const char *path, const void *buf, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len || my_fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

// Positive: the rename is the macro, used as a statement.
int save_blob(const char *tmp, const char *dst, const void *buf, size_t len) {
  if (write_blob(tmp, buf, len) != 0)
    return -1;
  ATOMIC_RENAME(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  ATOMIC_RENAME(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Negative: the macro rename, then my_fsync (fdatasync) of a directory fd.
int save_blob_durably(const char *dir, const char *tmp, const char *dst,
                      const void *buf, size_t len) {
  if (write_blob(tmp, buf, len) != 0)
    return -1;
  if (ATOMIC_RENAME(tmp, dst) != 0)
    return -1;
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = my_fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: a plain rename, then my_fsync of the "." fd.
int save_local_blob(const void *buf, size_t len) {
  if (write_blob("blob.tmp", buf, len) != 0)
    return -1;
  if (rename("blob.tmp", "blob") != 0)
    return -1;
  int dfd = open(".", O_RDONLY);
  if (dfd < 0)
    return -1;
  my_fsync(dfd);
  close(dfd);
  return 0;
}
