#include "lockfile.h"
#include <string.h>
#include <unistd.h>

int write_index(struct lock *lk, const char *data) {
  if (write(lk->fd, data, strlen(data)) < 0 || fsync(lk->fd) != 0)
    return -1;
  if (commit_lock(lk) != 0)
    return -1;
  return 0;
}

int write_index_durably(struct lock *lk, const char *data) {
  if (write(lk->fd, data, strlen(data)) < 0 || fsync(lk->fd) != 0)
    return -1;
  if (commit_lock(lk) != 0)
    return -1;
  return fsync_parent_dir(lk->path);
}

int move_aside(struct lock *lk) { return commit_lock(lk); }
