// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// PostgreSQL's shapes, which are correct and stay silent: a new file
// fsynced with fsync_fname(path, false) and its directory with
// fsync_fname(dir, true), and a new temporary handed to durable_rename,
// which fsyncs the file, renames it and fsyncs the parent directory. Only
// the save that leaves out the directory's fsync_fname is reported: the
// file's data sync through the helper is its intent.

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int fsync_fname_ext(const char *fname, bool isdir, bool ignore_perm,
                    int elevel) {
  int fd = open(fname, isdir ? O_RDONLY : O_RDWR);
  if (fd < 0)
    return ignore_perm ? 0 : -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

void fsync_fname(const char *fname, bool isdir) {
  fsync_fname_ext(fname, isdir, false, 0);
}

void get_parent_directory(char *path);

static int fsync_parent_path(const char *fname, int elevel) {
  char parentpath[1024];
  snprintf(parentpath, sizeof parentpath, "%s", fname);
  get_parent_directory(parentpath);
  if (strlen(parentpath) == 0)
    strcpy(parentpath, ".");
  if (fsync_fname_ext(parentpath, true, false, elevel) != 0)
    return -1;
  return 0;
}

int durable_rename(const char *oldfile, const char *newfile, int elevel) {
  if (fsync_fname_ext(oldfile, false, false, elevel) != 0)
    return -1;
  if (rename(oldfile, newfile) < 0)
    return -1;
  if (fsync_fname_ext(newfile, false, false, elevel) != 0)
    return -1;
  if (fsync_parent_path(newfile, elevel) != 0)
    return -1;
  return 0;
}

void save_state(const char *text) {
  int fd = open("pg_logical/state", O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return;
  write(fd, text, strlen(text));
  close(fd);
  fsync_fname("pg_logical/state", false);
  fsync_fname("pg_logical", true);
}

int save_snapshot(const char *path, const char *text) {
  char tmppath[1024];
  snprintf(tmppath, sizeof tmppath, "%s.tmp", path);
  int fd = open(tmppath, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  close(fd);
  return durable_rename(tmppath, path, 0);
}

void save_state_forgetting_dir(const char *text) {
  int fd = open("pg_logical/other", O_WRONLY | O_CREAT | O_EXCL, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of "pg_logical/other" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open("pg_logical/other", O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("pg_logical", O_RDONLY | O_DIRECTORY);{{$}}
  if (fd < 0)
    return;
  write(fd, text, strlen(text));
  close(fd);
  fsync_fname("pg_logical/other", false);
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: the function ends here without fsyncing the directory
}
