// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The classic atomic replace: write a temporary, fsync it, rename it over
// the destination, and never fsync the directory.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
// The fix adds the headers it needs, once, in the include block.
// CHECK-FIXES: #include <fcntl.h>
// CHECK-FIXES-NEXT: #include <libgen.h>
// CHECK-FIXES-NEXT: #include <stdio.h>
// CHECK-FIXES-NEXT: #include <stdlib.h>
// CHECK-FIXES-NEXT: #include <string.h>
// CHECK-FIXES-NEXT: #include <unistd.h>

int save_config(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+10]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  return 0;
}
