#define _GNU_SOURCE
#include "paths.h"
#include <fcntl.h>

/* Shared wrappers: what they open is up to their callers. */
int open_direct(const char *path) { return open(path, O_RDWR | O_DIRECT); }

FILE *open_read(const char *path) { return fopen(path, "r"); }
