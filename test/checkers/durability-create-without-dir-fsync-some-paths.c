// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// The directory is synced on one path only; the note shows the path that
// returns without it.

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int save_entry(const char *text, int copies) {
  int fd = open("db/entry", O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of "db/entry" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open("db/entry", O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("db", O_RDONLY | O_DIRECTORY);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  if (copies > 1) {
    int dfd = open("db", O_RDONLY | O_DIRECTORY);
    fsync(dfd);
    close(dfd);
    return 0;
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 1;
}
