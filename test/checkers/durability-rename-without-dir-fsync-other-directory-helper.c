// RUN: %check_durability -check-option DirSyncFunction=sync_parent_of -check-option DirSyncFunctionPattern= %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The DirSyncFunction helper takes a file and syncs the directory that
// holds it: handed a file of another directory, it does not pay for the
// rename.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int sync_parent_of(const char *path);

// Positive: the helper syncs the directory of "index/map", not of
// "data/map". The fix calls it on the destination.
int publish_map(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("data/map.tmp", "data/map") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "data/map" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename("data/map.tmp", "data/map") != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  sync_parent_of("data/map");{{$}}
  sync_parent_of("index/map");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this syncs the directory of "index/map", but "data/map" is in "data"
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Negative: another file of the same directory.
int publish_index(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("data/index.tmp", "data/index") != 0)
    return -1;
  return sync_parent_of("data/map");
}
