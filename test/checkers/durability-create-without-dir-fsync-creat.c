// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// creat() always makes the file new (O_CREAT | O_TRUNC); fsynced and left
// without a directory sync, it is reported with the fix after the creat.

#include <fcntl.h>
#include <unistd.h>

void save_counter(const char *buf, int len) {
  int fd = creat("state/counter", 0600);
  if (fd < 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-3]]:12: warning: creation of "state/counter" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = creat("state/counter", 0600);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("state", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fd < 0){{$}}
  write(fd, buf, len);
  fsync(fd);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: the function ends here without fsyncing the directory
}

// Negative: the same file, the directory synced before the function ends.
void save_counter_durably(const char *buf, int len) {
  int fd = creat("state/counter", 0600);
  if (fd < 0)
    return;
  write(fd, buf, len);
  fsync(fd);
  close(fd);
  int dfd = open("state", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
}
