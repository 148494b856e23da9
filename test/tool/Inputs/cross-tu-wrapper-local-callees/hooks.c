#include "util.h"
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <unistd.h>

void persist_entry(const char *path) {
  char buf[4096];
  strncpy(buf, path, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = '\0';
  int fd = open(dirname(buf), O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return;
  fsync(fd);
  close(fd);
}
