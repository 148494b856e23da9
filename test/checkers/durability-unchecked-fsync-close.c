// RUN: %check_durability -check-suffix=ON -check-option CheckClose=true \
// RUN:   %s durability-unchecked-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=OFF %s durability-unchecked-fsync %t -- -std=gnu11

// close() of an fd the function opened by path, wrote and never fsyncs is
// the last place a write error (NFS, quotas) is reported. With
// CheckClose=true it is checked; by default it is not.

#include <fcntl.h>
#include <unistd.h>

void write_pid(const char *path, const char *pid, unsigned n) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  if (write(fd, pid, n) < 0) {
    close(fd);
    return;
  }
  close(fd);
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:3: warning: result of 'close' is ignored after writes to 'fd' that are never fsynced; a write error that close reports is lost [durability-unchecked-fsync]
}

int overwritten_close(const char *path, const char *buf, unsigned n) {
  int fd;
  if ((fd = creat(path, 0644)) < 0 || write(fd, buf, n) < 0)
    return -1;
  int rc = close(fd);
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:12: warning: result of 'close' stored in 'rc' is overwritten before it is read; a failure is lost [durability-unchecked-fsync]
  rc = 0;
  return rc;
}

// Negatives: the fd is fsynced, which is the result that counts; nothing
// was written to it; the result is checked; the fd was not opened here, or
// is a pipe.
int write_synced(int fd, const char *buf, unsigned n) {
  if (write(fd, buf, n) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return 0;
}

void read_only(int fd, char *buf, unsigned n) {
  read(fd, buf, n);
  close(fd);
}

int write_checked(int fd, const char *buf, unsigned n) {
  if (write(fd, buf, n) < 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

void from_caller(int fd, const char *buf, unsigned n) {
  write(fd, buf, n);
  close(fd);
}

void to_pipe(const char *buf, unsigned n) {
  int ends[2];
  if (pipe(ends) != 0)
    return;
  write(ends[1], buf, n);
  close(ends[1]);
  close(ends[0]);
}
