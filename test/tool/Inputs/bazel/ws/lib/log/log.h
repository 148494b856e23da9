void log_saved(const char *path);
