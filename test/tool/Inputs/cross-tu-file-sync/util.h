int persist_fd(int fd);
int persist_path(const char *path);
int persist_path_via(const char *path);
void log_fd(int fd);
