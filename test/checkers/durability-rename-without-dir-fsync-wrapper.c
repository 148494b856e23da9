// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A rename reached through wrappers of the same file is reported at the
// call in the function that shows the intent -- it writes and fsyncs the
// file -- with notes down the chain to the rename. The wrappers themselves
// show no intent and report nothing.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int rename_temp(const char *tmp, const char *path) {
  if (rename(tmp, path) != 0)
    return -1;
  return 0;
}

int replace_file(const char *from, const char *to) {
  return rename_temp(from, to);
}

int save(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (replace_file(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'replace_file' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (replace_file(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :22:10: note: 'replace_file' renames 'from' to 'to' here
  // CHECK-MESSAGES: :16:7: note: 'rename_temp' renames 'tmp' to 'path' here
  return 0;
}

// Negative: the same save with the directory synced after the call.
int save_durably(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (replace_file(tmp, dst) != 0)
    return -1;
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  return 0;
}
