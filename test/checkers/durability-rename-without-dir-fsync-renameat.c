// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// renameat() names the directories by fd. An fsync of the new-directory fd
// after the rename is the directory sync.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Negative: fsync(dfd) after renameat(dfd, tmp, dfd, name).
int install_entry(int dfd, const char *tmp, const char *name,
                  const char *data) {
  int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, data, strlen(data)) < 0 || fsync(fd) != 0) {
    close(fd);
    unlinkat(dfd, tmp, 0);
    return -1;
  }
  close(fd);
  if (renameat(dfd, tmp, dfd, name) != 0)
    return -1;
  if (fsync(dfd) != 0)
    return -1;
  return 0;
}

// Positive: the same without the fsync of dfd; the fix adds it.
int install_entry_unsynced(int dfd, const char *tmp, const char *name,
                           const char *data) {
  int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, data, strlen(data)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  renameat(dfd, tmp, dfd, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'name' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  renameat(dfd, tmp, dfd, name);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fsync(dfd);{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Positive: the file moves from one directory to another, and only the old
// directory is fsynced; the new entry is in new_dfd.
int move_entry(int old_dfd, int new_dfd, const char *name, const char *data) {
  int fd = openat(old_dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, data, strlen(data)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (renameat(old_dfd, name, new_dfd, name) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'name' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (renameat(old_dfd, name, new_dfd, name) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fsync(new_dfd);{{$}}
  fsync(old_dfd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
