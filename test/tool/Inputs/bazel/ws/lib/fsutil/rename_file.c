#include "lib/fsutil/fsutil.h"
#include <stdio.h>

/* Renames, and leaves the sync of the directory to its callers. */
int rename_file(const char *tmp, const char *dst) {
  if (rename(tmp, dst) != 0)
    return -1;
  return 0;
}
