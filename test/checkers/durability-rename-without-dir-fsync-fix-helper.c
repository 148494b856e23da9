// RUN: %check_durability -check-option DirSyncFunction=publish_entries -check-option DirSyncFunctionPattern= %s durability-rename-without-dir-fsync %t -- -std=gnu11

// With DirSyncFunction set, the fix calls the project's own helper on the
// destination instead of spelling out the open and fsync. The name matches
// no default pattern, so only the option can silence the fixed file.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int publish_entries(const char *path);

int save(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  publish_entries(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  return 0;
}
