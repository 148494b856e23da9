#include "store.h"
#include <string.h>
#include <unistd.h>

int save(const char *path, const char *text) {
  int fd = create_file(path);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

int save_durably(const char *path, const char *text) {
  int fd = create_file(path);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return fsync_parent_dir(path);
}

int save_scratch(const char *path, const char *text) {
  int fd = create_file(path);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  return close(fd);
}
