/* store.c - the unit whose command store.h gets. */
#include "store.h"
int store_flush(int fd) { return fsync(fd); }
