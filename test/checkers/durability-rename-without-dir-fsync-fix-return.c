// RUN: %check_durability -fix-notes %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=NOFIX %s durability-rename-without-dir-fsync %t-nofix -- -std=gnu11

// `return rename(tmp, dst);` hands the result to the caller. The fix keeps
// that result, syncs the directory only when the rename succeeded, and
// returns it. It rewrites the statement, so it is offered on a note: only
// -fix-notes applies it, and without it the file stays as it is.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
// CHECK-FIXES: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <libgen.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdio.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdlib.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <string.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <unistd.h>{{$}}

int replace_file(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: fsync the parent directory after the rename succeeds{{$}}
  // CHECK-FIXES:      {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_rc = rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_rc == 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}          fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}          close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        }{{$}}
  // CHECK-FIXES-NEXT: {{^}}        free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return durcheck_rc;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}

  // Without -fix-notes the fix stays on the note and nothing is applied.
  // CHECK-NOTES-NOFIX: :[[@LINE-22]]:10: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-NOTES-NOFIX: :[[@LINE-23]]:3: note: the function returns here without fsyncing the directory
  // CHECK-NOTES-NOFIX: :[[@LINE-24]]:10: note: fsync the parent directory after the rename succeeds{{$}}
}
