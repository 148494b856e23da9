#include "store.h"

int save_b(int fd) { return store_replace(fd, "b.tmp", "b"); }
