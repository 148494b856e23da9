// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A scratch buffer refilled with the same name is the same file each time,
// in any function: the fill's format and the keys of its arguments are
// its identity. The log's name in between is another file.

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>

#define STORE_DIR "/srv/store"

static char path_buf[PATH_MAX];

int data_attach(void) {
  snprintf(path_buf, sizeof path_buf, "%s/data", STORE_DIR);
  return open(path_buf, O_RDWR | O_DIRECT);
}

// Negative: the log.
void log_line(const char *line) {
  snprintf(path_buf, sizeof path_buf, "%s/log", STORE_DIR);
  FILE *log = fopen(path_buf, "a");
  fputs(line, log);
  fclose(log);
}

// Positive: the data file again, through the page cache.
FILE *data_export(void) {
  snprintf(path_buf, sizeof path_buf, "%s/data", STORE_DIR);
  return fopen(path_buf, "r");
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'path_buf' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-16]]:10: note: 'path_buf' is opened with O_DIRECT here; {{.*}}
}

// Positive: a local buffer given the same name.
int data_check(void) {
  char name[PATH_MAX];
  snprintf(name, sizeof name, "%s/data", STORE_DIR);
  return open(name, O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'name' is also opened with O_DIRECT; {{.*}}
  // CHECK-NOTES: :[[@LINE-25]]:10: note: 'path_buf' is opened with O_DIRECT here; {{.*}}
}
