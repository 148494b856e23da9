#include "atomic.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

void dir_sync_path_parent(const char *path) {
  char dir[4096];
  strncpy(dir, path, sizeof(dir) - 1);
  dir[sizeof(dir) - 1] = '\0';
  char *slash = strrchr(dir, '/');
  if (slash == NULL)
    return;
  *slash = '\0';
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return;
  fsync(fd);
  close(fd);
}
