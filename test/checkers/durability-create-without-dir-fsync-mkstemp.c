// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// mkstemp() and mkostemp() make a new file of a unique name. Kept rather
// than renamed, and fsynced, its directory must be synced too.

#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int spill(char *tmpl, const void *buf, size_t len) {
  int fd = mkstemp(tmpl);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'tmpl' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = mkstemp(tmpl);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(tmpl);{{$}}
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) < 0 || fdatasync(fd) != 0) {
    close(fd);
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}

int spill_cloexec(char *tmpl, const void *buf, size_t len) {
  int fd = mkostemp(tmpl, O_CLOEXEC);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'tmpl' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = mkostemp(tmpl, O_CLOEXEC);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(tmpl);{{$}}
  if (fd < 0)
    return -1;
  write(fd, buf, len);
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}
