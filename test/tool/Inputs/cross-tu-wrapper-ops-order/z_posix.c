#include "vfs.h"
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int posix_rename(const char *from, const char *to) { return rename(from, to); }

int posix_sync_dir(const char *path) {
  char buf[4096];
  strncpy(buf, path, sizeof buf - 1);
  buf[sizeof buf - 1] = '\0';
  int dfd = open(dirname(buf), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}
