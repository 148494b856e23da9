int rename_file(const char *tmp, const char *dst);
