// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A file that lives in the current directory is made durable by fsyncing an
// fd of "." (or of ".." for a file one level up), opened with a plain
// O_RDONLY: the path alone says it is a directory.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Negative: the rename is followed by an fsync of the "." fd.
int save_state(const char *text) {
  int fd = open("state.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename("state.tmp", "state") != 0)
    return -1;
  int dfd = open(".", O_RDONLY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: the same with "..", for a file written one directory up.
int save_parent_marker(const char *text) {
  int fd = open("../marker.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename("../marker.tmp", "../marker") != 0)
    return -1;
  int dfd = open("..", O_RDONLY);
  if (dfd < 0)
    return -1;
  fdatasync(dfd);
  close(dfd);
  return 0;
}

// Positive: "." is opened, but the fsync after the rename goes to the
// file's own fd, not to the directory's.
int save_counter(const char *text) {
  int fd = open("counter.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0) {
    close(fd);
    return -1;
  }
  if (rename("counter.tmp", "counter") != 0) {
    close(fd);
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: rename to "counter" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename("counter.tmp", "counter") != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  int dfd = open(".", O_RDONLY);
  fsync(fd);
  close(fd);
  close(dfd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
