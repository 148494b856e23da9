#include "lockfile.h"
#include <stdio.h>

int rename_temp(const char *tmp, const char *path) {
  if (rename(tmp, path) != 0)
    return -1;
  return 0;
}
