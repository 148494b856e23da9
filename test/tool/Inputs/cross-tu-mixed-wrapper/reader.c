#define _GNU_SOURCE
#include "paths.h"
#include <fcntl.h>

FILE *dump(void) { return fopen(DATA_PATH, "r"); }

int scan(void) { return open(DATA_PATH, O_RDONLY); }

FILE *replay(void) { return open_read(DATA_PATH); }

/* Silenced where it stands, as any other finding. */
int scan_quietly(void) {
  return open(DATA_PATH, O_RDONLY); // NOLINT(durability-mixed-direct-buffered-io)
}

/* Nothing opens the index through the page cache. */
FILE *index_dump(void) { return open_read("/var/lib/store/index.bak"); }
