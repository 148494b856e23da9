#include "store.h"

int save_a(int fd) { return store_replace(fd, "a.tmp", "a"); }
