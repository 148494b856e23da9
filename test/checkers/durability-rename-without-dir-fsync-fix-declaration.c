// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A rename whose result initialises a local is a plain statement too: the
// sync goes after the declaration, before the result is tested.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int commit(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  int rc = rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  int rc = rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES:      {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  if (rc != 0)
    perror("rename");
  return rc;
}
