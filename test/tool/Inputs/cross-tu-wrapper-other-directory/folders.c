#include "dirs.h"

int persist_folder(const char *dir) { return open_and_sync(dir); }
