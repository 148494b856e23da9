// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A directory sync pays for a rename only when it syncs the directory the
// rename changed. Where both are literal paths, the check tells two
// directories apart; anywhere else a directory sync may be the right one.

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

// Syncs the directory it is given: its callers see which one.
static int persist_folder(const char *dir) {
  int d = open(dir, O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  int rc = fsync(d);
  close(d);
  return rc;
}

int fsync_fname(const char *fname, int isdir);

// Positive: the file went into "data", the sync is of ".".
int save_state(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("data/state.tmp", "data/state") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "data/state" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename("data/state.tmp", "data/state") != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("data", O_RDONLY | O_DIRECTORY);{{$}}
  int d = open(".", O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  fsync(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this syncs the directory ".", but "data/state" is in "data"
  close(d);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Positive: the directory stream's fd is of "tmp".
int save_cache(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("cache/index.tmp", "cache/index") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "cache/index" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    int durcheck_dfd = open("cache", O_RDONLY | O_DIRECTORY);{{$}}
  DIR *dir = opendir("tmp");
  if (!dir)
    return -1;
  fsync(dirfd(dir));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this syncs the directory "tmp", but "cache/index" is in "cache"
  closedir(dir);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Negative: the same directory, spelled another way.
int save_state_dir(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("data/state.tmp", "data/state") != 0)
    return -1;
  int d = open("./data/", O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  fsync(d);
  close(d);
  return 0;
}

// Positive: a helper that syncs the directory it is handed, handed another
// one. The note is at the call.
int rotate_log(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("log.tmp", "logs/current") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "logs/current" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    int durcheck_dfd = open("logs", O_RDONLY | O_DIRECTORY);{{$}}
  return persist_folder("data");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: this syncs the directory "data", but "logs/current" is in "logs"
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the function returns here without fsyncing the directory
}

// Negative: the helper handed the right directory.
int rotate_log_right(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("log.tmp", "logs/current") != 0)
    return -1;
  return persist_folder("logs");
}

// Positive: PostgreSQL's fsync_fname(path, true) syncs the path it is
// given as a directory.
int write_control(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("global/control.tmp", "global/control") != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to "global/control" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    int durcheck_dfd = open("global", O_RDONLY | O_DIRECTORY);{{$}}
  fsync_fname("pg_wal", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this syncs the directory "pg_wal", but "global/control" is in "global"
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Negative: a second sync, of the right directory, follows the wrong one.
int save_both(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("a/x.tmp", "a/x") != 0)
    return -1;
  persist_folder("b");
  return persist_folder("a");
}

// Negative: an absolute path and a relative one may name one directory.
int save_absolute(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("/var/lib/app/x.tmp", "/var/lib/app/x") != 0)
    return -1;
  return persist_folder(".");
}

// Negative: ".." depends on links the check cannot see.
int save_up(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("sub/x.tmp", "sub/x") != 0)
    return -1;
  return persist_folder("sub/inner/..");
}

// Negative: the fd is opened twice; which directory a sync of it syncs
// depends on the path taken.
int save_reopened(int fd, int other) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("a/x.tmp", "a/x") != 0)
    return -1;
  int d = open("b", O_RDONLY | O_DIRECTORY);
  if (other) {
    close(d);
    d = open("a", O_RDONLY | O_DIRECTORY);
  }
  fsync(d);
  close(d);
  return 0;
}

// Negative: a destination the function cannot name may be in ".".
int save_to(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  return persist_folder(".");
}

// Negative: sync() flushes every directory.
int save_everything(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("a/x.tmp", "a/x") != 0)
    return -1;
  sync();
  return 0;
}
