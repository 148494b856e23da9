// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A bool helper that reports failure by false: a branch on its false that
// leaves the function at once -- `if (!f(...)) return ...;`, or `return ok
// && step;` -- is an error path. A bool answers questions as often as it
// reports failure, so a branch on false that goes on, or a loop that ends
// when one is false, is not.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool more_records(void);

static bool write_synced(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return false;
  bool ok = write(fd, text, strlen(text)) >= 0 && fsync(fd) == 0;
  close(fd);
  return ok;
}

bool save_checked(const char *tmp, const char *dst, const char *text) {
  if (!write_synced(tmp, text))
    return false;
  return rename(tmp, dst) == 0;
}

bool save_flagged(const char *tmp, const char *dst, const char *text) {
  bool ok = write_synced(tmp, text);
  return ok && rename(tmp, dst) == 0;
}

static bool write_log(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return false;
  bool ok = write(fd, text, strlen(text)) >= 0 && fsync(fd) == 0;
  close(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return ok;
}

// The branch on false goes on to the end: no error path.
bool save_log(const char *path, const char *text) {
  if (!write_log(path, text))
    fputs("log not saved\n", stderr);
  while (more_records())
    fputs(".", stderr);
  return true;
}
