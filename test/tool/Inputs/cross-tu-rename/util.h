int persist_name(const char *path);
int persist_name_via(const char *path);
void log_done(const char *path);
