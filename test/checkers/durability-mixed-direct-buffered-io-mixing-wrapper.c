// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A wrapper that opens its parameter both with O_DIRECT and through the
// page cache mixes the two itself, whatever file it is given: it is
// reported once, in the wrapper, and its callers are not.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define DATA_PATH "/srv/db/data"
#define LOG_PATH "/srv/db/log"

static int copy_out(const char *path) {
  int direct = open(path, O_RDONLY | O_DIRECT);
  FILE *f = fopen(path, "r");
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'path' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'path' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead {{.*}}
  fclose(f);
  return direct;
}

int export_data(void) { return copy_out(DATA_PATH); }
int export_log(void) { return copy_out(LOG_PATH); }
