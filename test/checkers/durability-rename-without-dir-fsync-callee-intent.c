// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A helper that syncs a file shows the atomic-replace intent when it is
// handed the rename's source; a helper that syncs some other file, such as a
// manifest, says nothing about a rename that merely moves a file.

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int write_synced(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

static int write_manifest(void) { return write_synced("db/MANIFEST"); }

int replace_state(const char *tmp, const char *dst) {
  if (write_synced(tmp) != 0)
    return -1;
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  return 0;
}

// Moving an old log into place after writing the manifest: no intent.
void migrate_log(void) {
  if (write_manifest() != 0)
    exit(1);
  if (rename("old.log", "db/old.log") == -1)
    exit(1);
}
