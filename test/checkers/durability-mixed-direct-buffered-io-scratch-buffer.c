// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Negative: a path's identity is its value, not the variable that holds
// it. One scratch buffer filled with a data file's name and then with a
// log's name holds two files, and so does a pointer assigned two paths.

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

static char path_buf[PATH_MAX];

// A static buffer refilled by snprintf.
int store_open(const char *dir) {
  snprintf(path_buf, sizeof path_buf, "%s/data", dir);
  int fd = open(path_buf, O_RDWR | O_DIRECT);
  snprintf(path_buf, sizeof path_buf, "%s/log", dir);
  FILE *log = fopen(path_buf, "a");
  fclose(log);
  return fd;
}

// A local buffer refilled by strcpy and strcat.
int cache_open(void) {
  char name[64];
  strcpy(name, "/srv/cache/");
  strcat(name, "blocks");
  int fd = open(name, O_RDWR | O_DIRECT);
  strcpy(name, "/srv/cache/index");
  return fd + open(name, O_RDONLY);
}

// A pointer assigned another path.
int pick_open(void) {
  const char *p = "/srv/pick/data";
  int fd = open(p, O_RDWR | O_DIRECT);
  p = "/srv/pick/meta";
  return fd + open(p, O_RDONLY);
}

// A buffer filled differently on two paths: no one file reaches the opens
// below on every path; each reads what the other does, but neither is
// the direct open above.
int either_open(int which) {
  char name[64];
  if (which)
    strcpy(name, "/srv/either/a");
  else
    strcpy(name, "/srv/either/b");
  return open(name, O_RDONLY) + open("/srv/either/a", O_RDWR | O_DIRECT);
}
