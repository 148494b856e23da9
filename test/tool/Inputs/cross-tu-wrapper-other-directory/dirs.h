int persist_folder(const char *dir);
int open_and_sync(const char *dir);
