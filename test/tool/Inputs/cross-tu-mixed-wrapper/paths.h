#include <stdio.h>

#define DATA_PATH "/var/lib/store/data"

int open_direct(const char *path);
FILE *open_read(const char *path);
