// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A local variable or a parameter names the same file within its function.

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// Positive: the parameter, opened twice in one function.
int copy_out(const char *path, char *buf, size_t len) {
  int direct = open(path, O_RDONLY | O_DIRECT);
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'path' is also opened with O_DIRECT; {{.*}}
  size_t n = fread(buf, 1, len, f);
  fclose(f);
  close(direct);
  return (int)n;
}

// Positive: a local variable.
int rebuild(void) {
  const char *name = getenv("REBUILD_FILE");
  int out = open(name, O_WRONLY | O_DIRECT);
  int in = open(name, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'name' is also opened with O_DIRECT; {{.*}}
  close(in);
  return out;
}

// Negative: a parameter of the same name in another function is another
// file.
int open_plain(const char *path) { return open(path, O_RDONLY); }
