// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A file held by a global object outlives the calls that create and fsync
// it: PostgreSQL's tar WAL method opens the archive on the first write
// through one entry of its method table, fsyncs it as each member is
// closed, and syncs the archive's directory in its finish entry, called at
// the end of the stream on another path. A directory sync of the same file
// anywhere in the program discharges such a creation; a file held by a
// global whose directory nothing syncs is still reported.

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int fsync_parent_path(const char *path);

struct archive {
  int fd;
  char *path;
};

// Negative: the archive's directory is synced by its finish entry.
static struct archive *tar;

static int tar_open(void) {
  if (tar->fd < 0) {
    tar->fd = open(tar->path, O_WRONLY | O_CREAT, 0600);
    if (tar->fd < 0)
      return -1;
  }
  return 0;
}

static int tar_close(void) { return fsync(tar->fd); }

static int tar_finish(void) {
  if (close(tar->fd) != 0)
    return -1;
  tar->fd = -1;
  return fsync_parent_path(tar->path);
}

struct methods {
  int (*open_for_write)(void);
  int (*close)(void);
  int (*finish)(void);
};

const struct methods tar_methods = {tar_open, tar_close, tar_finish};

int add_member(const struct methods *m, const char *name) {
  if (m->open_for_write() != 0)
    return -1;
  if (write(tar->fd, name, strlen(name)) < 0)
    return -1;
  return m->close();
}

// Positive: the spool's finish syncs the directory of another file.
static struct archive *spool;

static int spool_open(void) {
  if (spool->fd < 0) {
    spool->fd = open(spool->path, O_WRONLY | O_CREAT, 0600);
    if (spool->fd < 0)
      return -1;
  }
  return 0;
}

static int spool_close(void) { return fsync(spool->fd); }

int spool_finish(void) {
  if (close(spool->fd) != 0)
    return -1;
  spool->fd = -1;
  return fsync_parent_path(tar->path);
}

int add_to_spool(const char *name) {
  if (spool_open() != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: creation of 'spool->path' by 'spool_open' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
    return -1;
  if (write(spool->fd, name, strlen(name)) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return spool_close();
}
