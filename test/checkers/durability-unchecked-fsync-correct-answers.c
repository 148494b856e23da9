// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// The three right answers to a failed fsync: leave with an error, stop the
// process, or open the file again and write the data again before the next
// fsync. None is reported.

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

_Noreturn void panic(const char *what);

int leave_with_error(int fd) {
  if (fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

void stop(int fd) {
  if (fdatasync(fd) != 0)
    abort();
}

void stop_noreturn(int fd) {
  int rc = fsync(fd);
  if (rc < 0)
    panic("fsync");
}

int rewrite(const char *path, const char *buf, unsigned n) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  for (int attempt = 0; attempt < 3; attempt++) {
    if (write(fd, buf, n) == (long)n && fsync(fd) == 0)
      return close(fd);
    close(fd);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
      return -1;
  }
  close(fd);
  return -1;
}
