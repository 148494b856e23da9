// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=BODY -check-option DirSyncFunctionPattern=^unused_pattern_ %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The directory sync lives in a static helper of the same file. The check
// reads the helper's body: it copies the path, takes dirname() of the copy,
// opens the result and fsyncs it.

#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sync_parent(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return -1;
  char *dir = dirname(copy);
  int dfd = open(dir, O_RDONLY);
  if (dfd < 0) {
    free(copy);
    return -1;
  }
  int rc = fsync(dfd);
  close(dfd);
  free(copy);
  return rc;
}

// Its name says nothing; only its body shows the directory sync. dirname()
// works on the buffer in place, and the buffer is what gets opened.
static int settle_entry(const char *path) {
  char buf[PATH_MAX];
  strncpy(buf, path, sizeof buf - 1);
  buf[sizeof buf - 1] = '\0';
  dirname(buf);
  int dfd = open(buf, O_RDONLY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Two levels above the fsync: publish_entry -> finish_entry -> settle_entry.
static int finish_entry(const char *path) {
  fprintf(stderr, "publishing %s\n", path);
  return settle_entry(path);
}

static int publish_entry(const char *path) { return finish_entry(path); }

// Defined at the end of the file, after its caller.
static int sync_parent_later(const char *path);

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

// Negative: the helper is called after the rename.
int save_state(const char *tmp, const char *dst, const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  return sync_parent(dst);
}

// Negative: the directory sync is two calls deep.
int save_index(const char *tmp, const char *dst, const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  if (publish_entry(dst) != 0)
    return -1;
  return 0;
}

// Negative: the helper is defined further down.
int save_manifest(const char *tmp, const char *dst, const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  sync_parent_later(dst);
  return 0;
}

// Positive: the helper runs before the rename, which it cannot cover.
int save_journal(const char *tmp, const char *dst, const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (sync_parent(dst) != 0)
    return -1;
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES-BODY: :[[@LINE-2]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-BODY:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-BODY-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-BODY-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-BODY: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

static int sync_parent_later(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return -1;
  int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
  free(copy);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  return close(dfd);
}
