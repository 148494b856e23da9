// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A status flag -- a bool only ever set to true or `ok && step` -- keeps
// the outcome of each step, and each later step is skipped once it is
// false: its false branch is an error path, which owes no directory sync.
// A flag that gathers only successes still leaves the path where every
// step worked, which must sync the directory.

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

int sync_parent_dir(const char *path);

bool create_synced(const char *path, const char *text) {
  bool ok = true;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return false;
  ok = ok && write(fd, text, strlen(text)) >= 0;
  ok = ok && fsync(fd) == 0;
  close(fd);
  ok = ok && sync_parent_dir(path) == 0;
  return ok;
}

bool create_unsynced(const char *path, const char *text) {
  bool ok = true;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return false;
  ok = ok && write(fd, text, strlen(text)) >= 0;
  ok = ok && fsync(fd) == 0;
  close(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return ok;
}

// Not a status flag: `done` is also set from a comparison, so its false
// branch says nothing of a failure.
bool create_flagged(const char *path, const char *text) {
  bool done = true;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  if (fd < 0)
    return false;
  done = done && write(fd, text, strlen(text)) >= 0;
  done = strlen(text) > 8;
  fsync(fd);
  close(fd);
  if (!done)
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function returns here without fsyncing the directory
    return false;
  return sync_parent_dir(path) == 0;
}
