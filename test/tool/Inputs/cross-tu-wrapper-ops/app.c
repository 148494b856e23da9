#include "vfs.h"

int checkpoint(int fd) {
  if (save(&posix_ops, fd, "db/state.tmp", "db/state") != 0)
    return -1;
  return save_synced(&posix_ops, fd, "db/index.tmp", "db/index");
}
