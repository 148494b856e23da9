#include "util.h"

/* Syncs through a helper of a third translation unit. */
int persist_path_via(const char *path) { return persist_path(path); }
