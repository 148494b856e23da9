// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A helper that creates and fsyncs a file its callers name leaves the
// creation to them, whatever its linkage: LevelDB's SetCurrentFile writes
// the temporary with WriteFileSync and renames it, which the rename check
// owns. A caller that neither renames the file nor syncs its directory
// makes the creation a finding, reported in the helper.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Negative: its one caller renames the file.
int write_file_sync(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

int set_current_file(const char *tmp, const char *current) {
  if (write_file_sync(tmp, "MANIFEST-000001\n") != 0)
    return -1;
  return rename(tmp, current);
}

// Positive: its caller keeps the file where it was created.
int write_copy_sync(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}

int keep_copy(const char *path) { return write_copy_sync(path, "copy\n"); }
