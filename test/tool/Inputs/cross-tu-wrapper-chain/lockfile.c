#include "lockfile.h"
#include <unistd.h>

int commit_lock_to(struct lock *lk, const char *path) {
  close(lk->fd);
  return rename_temp(lk->tmp, path);
}

int commit_lock(struct lock *lk) { return commit_lock_to(lk, lk->path); }
