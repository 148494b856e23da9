#define _GNU_SOURCE
#include "paths.h"
#include <fcntl.h>
#include <stdio.h>

/* The direct open of DATA_PATH is in writer.c. */
int open_data(void) { return open(DATA_PATH, O_RDONLY); }

FILE *open_data_stream(void) { return fopen(DATA_PATH, "r"); }

/* log_path is one global, defined in log.c, opened direct in writer.c. */
int open_log(void) { return open(log_path, O_RDONLY); }

/* Nothing opens INDEX_PATH with O_DIRECT. */
int open_index(void) { return open(INDEX_PATH, O_RDONLY); }

/* Silenced where it stands, as any other finding. */
int open_data_quiet(void) {
  return open(DATA_PATH, O_RDONLY); // NOLINT(durability-mixed-direct-buffered-io)
}
