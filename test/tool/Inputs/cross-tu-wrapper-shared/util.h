int move_file(const char *from, const char *to);
int fsync_parent_dir(const char *path);
