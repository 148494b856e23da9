// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Negative: every open of the file uses O_DIRECT, through a literal flag, a
// variable and fcntl. Consistent opens are not a mix.

#include <fcntl.h>

#define STORE "/srv/store.dat"

int store_write(void) { return open(STORE, O_WRONLY | O_DIRECT); }

int store_read(void) {
  int flags = O_RDONLY | O_DIRECT;
  return open(STORE, flags);
}

int store_scan(void) {
  int fd = open(STORE, O_RDONLY | O_DIRECT | O_NOATIME);
  return fd;
}
