// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A new file made with O_CREAT | O_EXCL, written and fsynced: the fsync
// makes its data durable, but its name lives in the parent directory,
// which nothing syncs. After a crash the file can be missing.

#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int write_new(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
