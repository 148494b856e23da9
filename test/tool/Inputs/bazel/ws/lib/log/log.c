#include "lib/log/log.h"
#include <stdio.h>

/* Says which file was saved. */
void log_saved(const char *path) { fprintf(stderr, "saved %s\n", path); }
