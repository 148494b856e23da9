#include "util.h"

/* Syncs through a helper of a third translation unit. */
int persist_name_via(const char *path) { return persist_name(path); }
