// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// NOLINT and NOLINTNEXTLINE naming the check silence it on that rename
// only; the others in the file are still reported.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int write_synced(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

int save_scratch(void) {
  if (write_synced("scratch.tmp") != 0)
    return -1;
  rename("scratch.tmp", "scratch"); // NOLINT(durability-rename-without-dir-fsync)
  return 0;
}

int save_cache(void) {
  if (write_synced("cache.tmp") != 0)
    return -1;
  // NOLINTNEXTLINE(durability-rename-without-dir-fsync)
  rename("cache.tmp", "cache");
  return 0;
}

int save_other_check_silenced(void) {
  if (write_synced("state.tmp") != 0)
    return -1;
  rename("state.tmp", "state"); // NOLINT(bugprone-unused-return-value)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "state" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename("state.tmp", "state"); // NOLINT(bugprone-unused-return-value){{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  return 0;
}
