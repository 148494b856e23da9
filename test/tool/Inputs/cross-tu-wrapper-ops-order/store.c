#include "vfs.h"
#include <unistd.h>

int save(const struct vfs_ops *ops, int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (ops->rename(tmp, dst) != 0)
    return -1;
  return 0;
}

int save_synced(const struct vfs_ops *ops, int fd, const char *tmp,
                const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (ops->rename(tmp, dst) != 0)
    return -1;
  return ops->sync_dir(dst);
}
