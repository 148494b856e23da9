int create_file(const char *path);
int fsync_parent_dir(const char *path);
