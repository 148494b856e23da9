// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A temporary made by mkstemp() and renamed over the destination is an
// atomic replace even when the function fsyncs nothing.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Positive: the intent comes from mkstemp(tmpl) and rename(tmpl, ...).
int save_snapshot(const char *dst, const void *buf, size_t len) {
  char tmpl[] = "/tmp/x.XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len) {
    close(fd);
    unlink(tmpl);
    return -1;
  }
  close(fd);
  rename(tmpl, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename(tmpl, dst);{{$}}
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

// Negative: the same with the destination's directory fsynced afterwards.
int save_snapshot_durably(const char *dir, const char *dst, const void *buf,
                          size_t len) {
  char tmpl[] = "/tmp/x.XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len) {
    close(fd);
    unlink(tmpl);
    return -1;
  }
  close(fd);
  if (rename(tmpl, dst) != 0) {
    unlink(tmpl);
    return -1;
  }
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  return 0;
}

// Negative: mkstemp makes a scratch file that is not the one renamed, and
// nothing is fsynced: the rename shows no atomic-replace intent.
int archive_with_scratch(const char *path, const char *archived) {
  char scratch[] = "/tmp/scratch.XXXXXX";
  int fd = mkstemp(scratch);
  if (fd < 0)
    return -1;
  close(fd);
  unlink(scratch);
  return rename(path, archived);
}
