#include "util.h"
#include <stdio.h>

int move_file(const char *from, const char *to) {
  if (rename(from, to) != 0) {
    perror("rename");
    return -1;
  }
  return 0;
}
