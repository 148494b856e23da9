// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// PostgreSQL syncs a directory with fsync_fname(path, true): a sync
// function told by a flag parameter named like `isdir` that its path is a
// directory. It opens the path without O_DIRECTORY, so only the flag says
// so. Passing true counts as a directory sync; passing false is a file
// sync; a flag whose value is unknown proves nothing.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

// Defined in another file, as fd.c is.
void fsync_fname(const char *fname, bool isdir);
int fsync_fname_ext(const char *fname, bool isdir, bool ignore_perm, int elevel);
// A flag with another name says nothing about directories.
void sync_path(const char *fname, bool quiet);

static int write_state(const char *tmp) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return -1;
  if (write(fd, "x", 1) != 1 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

void save_with_dir_flag(void) {
  if (write_state("pg_replslot/a.tmp") != 0)
    return;
  rename("pg_replslot/a.tmp", "pg_replslot/a");
  fsync_fname("pg_replslot", true);
}

void save_with_ext(int elevel) {
  if (write_state("pg_logical/b.tmp") != 0)
    return;
  rename("pg_logical/b.tmp", "pg_logical/b");
  (void)fsync_fname_ext("pg_logical", 1, false, elevel);
}

void save_with_file_sync(void) {
  if (write_state("pg_replslot/c.tmp") != 0)
    return;
  rename("pg_replslot/c.tmp", "pg_replslot/c");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "pg_replslot/c" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename("pg_replslot/c.tmp", "pg_replslot/c");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("pg_replslot", O_RDONLY | O_DIRECTORY);{{$}}
  fsync_fname("pg_replslot/c", false);
}

void save_with_unknown_flag(bool isdir) {
  if (write_state("pg_replslot/d.tmp") != 0)
    return;
  rename("pg_replslot/d.tmp", "pg_replslot/d");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "pg_replslot/d" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename("pg_replslot/d.tmp", "pg_replslot/d");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("pg_replslot", O_RDONLY | O_DIRECTORY);{{$}}
  fsync_fname("pg_replslot", isdir);
}

void save_with_other_flag(void) {
  if (write_state("pg_replslot/e.tmp") != 0)
    return;
  rename("pg_replslot/e.tmp", "pg_replslot/e");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "pg_replslot/e" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename("pg_replslot/e.tmp", "pg_replslot/e");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("pg_replslot", O_RDONLY | O_DIRECTORY);{{$}}
  sync_path("pg_replslot", true);
}
