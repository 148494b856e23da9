#define _GNU_SOURCE
#include "paths.h"
#include <fcntl.h>

int open_data_direct(void) { return open(DATA_PATH, O_RDWR | O_DIRECT); }

int open_log_direct(void) { return open(log_path, O_WRONLY | O_DIRECT); }
