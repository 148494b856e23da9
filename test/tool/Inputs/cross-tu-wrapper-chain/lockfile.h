struct lock {
  int fd;
  char *tmp;
  char *path;
};
int rename_temp(const char *tmp, const char *path);
int commit_lock_to(struct lock *lk, const char *path);
int commit_lock(struct lock *lk);
int fsync_parent_dir(const char *path);
