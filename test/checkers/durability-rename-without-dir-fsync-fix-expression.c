// RUN: %check_durability -fix-notes %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A rename inside a larger expression: whether the sync belongs right after
// the statement is for the user to judge, so the fix is on a note, and
// -fix-notes applies it after the statement.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
// CHECK-FIXES: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <libgen.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdbool.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdio.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdlib.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <string.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <unistd.h>{{$}}

bool rotate(const char *tmp, const char *dst, const char *text) {
  bool ok = true;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return false;
  ok = ok && write(fd, text, strlen(text)) >= 0;
  ok = ok && fsync(fd) == 0;
  close(fd);
  ok = ok && rename(tmp, dst) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+14]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: fsync the parent directory after the rename succeeds{{$}}
  // CHECK-FIXES:      {{^}}  ok = ok && rename(tmp, dst) == 0;{{$}}
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
  return ok;
}
