#include "vfs.h"

const struct vfs_ops posix_ops = {.rename = posix_rename,
                                  .sync_dir = posix_sync_dir};
