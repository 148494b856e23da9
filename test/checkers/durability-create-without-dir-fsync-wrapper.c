// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A creation reached through wrappers that show no intent travels up to
// the caller that fsyncs the file, and is reported at its call with notes
// down the chain. A caller that syncs the directory after the call, or
// that never fsyncs, stays silent.

#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int create_file(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
}

int open_new(const char *name) { return create_file(name); }

int save(const char *dst, const char *text) {
  int fd = open_new(dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'dst' by 'open_new' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open_new(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :18:41: note: 'open_new' creates 'name' here
  // CHECK-MESSAGES: :15:10: note: 'create_file' creates 'path' here
  return 0;
}

// Negative: the directory synced after the call.
int save_durably(const char *dst, const char *text) {
  int fd = open_new(dst);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
  return 0;
}

// Negative: no fsync, no intent.
int save_scratch(const char *dst, const char *text) {
  int fd = open_new(dst);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  return close(fd);
}
