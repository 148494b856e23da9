// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A branch on a predicate's answer or a bool result is not an error path:
// is_cached() returning non-zero is a yes, not a failure, so the early
// return after it still owes the directory sync. A bool function's false,
// on a branch that returns at once, is a failure.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int is_cached(const char *path);
bool publish_ok(const char *path);
int flush_index(const char *path);

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

int save_cached(const char *text) {
  if (write_file("cache.tmp", text) != 0)
    return -1;
  rename("cache.tmp", "cache");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "cache" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename("cache.tmp", "cache");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  if (is_cached("cache"))
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function returns here without fsyncing the directory
    return 0;
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
  return 0;
}

int save_published(const char *text) {
  if (write_file("pub.tmp", text) != 0)
    return -1;
  rename("pub.tmp", "pub");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "pub" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename("pub.tmp", "pub");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  if (publish_ok("pub"))
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function returns here without fsyncing the directory
    return 1;
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
  return 0;
}

// A status call's non-zero result is a failure: that return is an error
// path and owes nothing.
int save_indexed(const char *text) {
  if (write_file("idx.tmp", text) != 0)
    return -1;
  rename("idx.tmp", "idx");
  if (flush_index("idx"))
    return -1;
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
  return 0;
}

// publish_ok() returning false, and the function returning at once: an
// error path.
int save_unpublished(const char *text) {
  if (write_file("draft.tmp", text) != 0)
    return -1;
  rename("draft.tmp", "draft");
  if (!publish_ok("draft"))
    return -1;
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  fsync(dfd);
  close(dfd);
  return 0;
}
