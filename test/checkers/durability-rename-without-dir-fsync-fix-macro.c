// RUN: %check_durability -check-suffix=ARG %s durability-rename-without-dir-fsync %t-arg -- -std=gnu11 -DMACRO_ARG
// RUN: %check_durability -check-suffix=BODY %s durability-rename-without-dir-fsync %t-body -- -std=gnu11 -DMACRO_BODY
// RUN: %check_durability -fix-notes -check-suffix=BODY %s durability-rename-without-dir-fsync %t-body-notes -- -std=gnu11 -DMACRO_BODY

// Renames that come out of macros. When the macro use is the whole
// statement, the fix goes after the `;` that ends the use. When the rename
// is a statement inside the macro's body, there is no place in the file to
// put the sync: the warning stays, and no fix is applied.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SAVE(t, d) rename(t, d)
#define REPLACE(t, d) do { rename(t, d); } while (0)

#ifdef MACRO_ARG
// CHECK-FIXES-ARG: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES-ARG-NEXT: {{^}}#include <libgen.h>{{$}}
// CHECK-FIXES-ARG-NEXT: {{^}}#include <stdio.h>{{$}}
// CHECK-FIXES-ARG-NEXT: {{^}}#include <stdlib.h>{{$}}
// CHECK-FIXES-ARG-NEXT: {{^}}#include <string.h>{{$}}
// CHECK-FIXES-ARG-NEXT: {{^}}#include <unistd.h>{{$}}
int save(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  SAVE(tmp, dst);
  // CHECK-MESSAGES-ARG: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-ARG: :[[@LINE+14]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES-ARG:      {{^}}  SAVE(tmp, dst);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-ARG-NEXT: {{^}}  //{{$}}
  return 0;
}
#endif

#ifdef MACRO_BODY
// No CHECK-FIXES-BODY lines: the harness requires the file to be unchanged.
int replace(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  REPLACE(tmp, dst);
  // CHECK-MESSAGES-BODY: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-BODY: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-BODY: :[[@LINE-3]]:3: note: fsync the parent directory after the rename succeeds; a directory fd opened with O_DIRECTORY, or a helper named in DirSyncFunctions, will do
  return 0;
}
#endif
