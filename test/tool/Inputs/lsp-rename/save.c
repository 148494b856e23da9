#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  return 0;
}
