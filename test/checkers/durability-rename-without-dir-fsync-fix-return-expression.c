// RUN: %check_durability -fix-notes %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=NOFIX %s durability-rename-without-dir-fsync %t-nofix -- -std=gnu11

// A rename inside a returned expression: `return rename(a, b) == 0;` and
// `return ok && rename(a, b) == 0;`. The fix rewrites the return into
// statements: the rename's result is kept as the expression evaluates it,
// the directory is synced only when the rename ran and succeeded, and the
// expression's value is returned. A short-circuit that skips the rename
// still skips it. It rewrites the statement, so it is offered on a note.

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

static bool write_synced(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return false;
  bool ok = write(fd, text, strlen(text)) >= 0 && fsync(fd) == 0;
  close(fd);
  return ok;
}

bool save_compared(const char *tmp, const char *dst, const char *text) {
  if (!write_synced(tmp, text))
    return false;
  return rename(tmp, dst) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: fsync the parent directory after the rename succeeds{{$}}
  // CHECK-FIXES:      {{^}}  if (!write_synced(tmp, text)){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return false;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_rc = -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_result = (durcheck_rc = rename(tmp, dst)) == 0;{{$}}
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
  // CHECK-FIXES-NEXT: {{^}}    return durcheck_result;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}

  // CHECK-NOTES-NOFIX: :[[@LINE-23]]:10: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-NOTES-NOFIX: :[[@LINE-24]]:3: note: the function returns here without fsyncing the directory
  // CHECK-NOTES-NOFIX: :[[@LINE-25]]:10: note: fsync the parent directory after the rename succeeds{{$}}
}

bool save_short_circuit(const char *tmp, const char *dst, const char *text) {
  bool ok = write_synced(tmp, text);
  return ok && rename(tmp, dst) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: fsync the parent directory after the rename succeeds{{$}}
  // CHECK-FIXES:      {{^}}  bool ok = write_synced(tmp, text);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_rc = -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_result = ok && (durcheck_rc = rename(tmp, dst)) == 0;{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_rc == 0) {{{$}}
  // CHECK-FIXES:      {{^}}    return durcheck_result;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}

  // CHECK-NOTES-NOFIX: :[[@LINE-12]]:16: warning: rename to 'dst'
  // CHECK-NOTES-NOFIX: :[[@LINE-13]]:3: note: the function returns here without fsyncing the directory
  // CHECK-NOTES-NOFIX: :[[@LINE-14]]:16: note: fsync the parent directory after the rename succeeds{{$}}
}
