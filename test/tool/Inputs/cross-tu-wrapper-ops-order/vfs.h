struct vfs_ops {
  int (*rename)(const char *from, const char *to);
  int (*sync_dir)(const char *path);
};

extern const struct vfs_ops posix_ops;
int posix_rename(const char *from, const char *to);
int posix_sync_dir(const char *path);
int save(const struct vfs_ops *ops, int fd, const char *tmp, const char *dst);
int save_synced(const struct vfs_ops *ops, int fd, const char *tmp,
                const char *dst);
