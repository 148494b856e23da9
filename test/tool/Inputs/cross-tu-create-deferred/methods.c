#include "archive.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

struct archive *tar;
struct archive *spool;

static int tar_open(void) {
  if (tar->fd < 0)
    tar->fd = open(tar->path, O_WRONLY | O_CREAT, 0600);
  return tar->fd < 0 ? -1 : 0;
}

static int tar_write(const char *data) {
  return write(tar->fd, data, strlen(data)) < 0 ? -1 : 0;
}

static int tar_close(void) { return fsync(tar->fd); }

static int tar_finish(void) {
  if (close(tar->fd) != 0)
    return -1;
  return make_entry_durable(tar->path);
}

const struct methods tar_methods = {tar_open, tar_write, tar_close,
                                    tar_finish};

static int spool_open(void) {
  if (spool->fd < 0)
    spool->fd = open(spool->path, O_WRONLY | O_CREAT, 0600);
  return spool->fd < 0 ? -1 : 0;
}

static int spool_write(const char *data) {
  return write(spool->fd, data, strlen(data)) < 0 ? -1 : 0;
}

static int spool_close(void) { return fsync(spool->fd); }

static int spool_finish(void) { return close(spool->fd); }

const struct methods spool_methods = {spool_open, spool_write, spool_close,
                                      spool_finish};
