// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A static helper may leave the directory sync to its callers. Only this TU
// can call it, so when every caller syncs after the call on every path, the
// helper's rename is durable. A helper that escapes -- external linkage, or
// its address taken -- or one caller that does not sync keeps the finding.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsyncFileDir(const char *path);

static int write_replace(const char *tmp, const char *dst) {
  FILE *fp = fopen(tmp, "w");
  if (!fp)
    return -1;
  if (fflush(fp) || fsync(fileno(fp))) {
    fclose(fp);
    return -1;
  }
  fclose(fp);
  if (rename(tmp, dst) == -1)
    return -1;
  return 0;
}

// Negative: the only caller syncs the directory after the helper succeeds.
int create_base(const char *dst) {
  if (write_replace("base.tmp", dst))
    return -1;
  return fsyncFileDir(dst);
}

// Negative: two levels of static helpers, the public entry point syncs.
static int stage(const char *dst) { return write_replace("stage.tmp", dst); }
int commit_stage(const char *dst) {
  if (stage(dst) != 0)
    return -1;
  return fsyncFileDir(dst);
}

static int write_both(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    return -1;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
  // CHECK-FIXES:      {{^}}  if (rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    //{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
}

// Positive for write_both: one caller syncs, the other does not.
int save_synced(const char *dst) {
  if (write_both("a.tmp", dst) != 0)
    return -1;
  return fsyncFileDir(dst);
}
int save_unsynced(const char *dst) { return write_both("b.tmp", dst); }

static int write_escaping(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    return -1;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
  // CHECK-FIXES:      {{^}}  if (rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    //{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
}

// Positive for write_escaping: its direct caller syncs, but its address
// goes into a table whose callers cannot be seen.
int (*const writers[])(const char *, const char *) = {write_escaping};
int save_escaping(const char *dst) {
  if (write_escaping("c.tmp", dst) != 0)
    return -1;
  return fsyncFileDir(dst);
}

// Positive: external linkage; callers in other files may not sync.
int write_public(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    return -1;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
  // CHECK-FIXES:      {{^}}  if (rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    //{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
}
int save_public(const char *dst) {
  if (write_public("d.tmp", dst) != 0)
    return -1;
  return fsyncFileDir(dst);
}
