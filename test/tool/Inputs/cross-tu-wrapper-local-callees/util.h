int move_file(const char *from, const char *to);
void note_saved(const char *path);
void persist_entry(const char *path);
