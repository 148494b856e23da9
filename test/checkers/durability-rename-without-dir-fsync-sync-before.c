// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A directory sync only makes the entries that exist at the time durable:
// an fsync of "." that comes before the rename does not cover it.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Positive: the directory is fsynced, but before the rename.
int save_state(const char *text) {
  int fd = open("state.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  int dfd = open(".", O_RDONLY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  if (rename("state.tmp", "state") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "state" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename("state.tmp", "state") != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Negative: the same function with the directory sync moved after the
// rename.
int save_state_fixed(const char *text) {
  int fd = open("state2.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename("state2.tmp", "state2") != 0)
    return -1;
  int dfd = open(".", O_RDONLY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  return 0;
}
