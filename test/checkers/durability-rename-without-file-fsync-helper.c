// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// A helper of the same unit counts by its summary: one that fsyncs the fd
// or the path it is handed syncs the caller's file; one that writes through
// the fd it is handed writes it.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int sync_fd(int fd) { return fsync(fd); }

static int sync_path(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int rc = fsync(fd);
  close(fd);
  return rc;
}

// Two levels down.
static int sync_via(int fd) { return sync_fd(fd); }

static void log_fd(int fd) { fprintf(stderr, "fd %d\n", fd); }

static int write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0)
      return -1;
    buf += w;
    n -= (size_t)w;
  }
  return 0;
}

int save_fd_helper(const char *tmp, const char *dst, const char *buf,
                   size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  if (sync_fd(fd) != 0)
    return -1;
  close(fd);
  return rename(tmp, dst);
}

int save_path_helper(const char *tmp, const char *dst, const char *buf,
                     size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  if (sync_path(tmp) != 0)
    return -1;
  return rename(tmp, dst);
}

int save_two_levels(const char *tmp, const char *dst, const char *buf,
                    size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write_all(fd, buf, n);
  if (sync_via(fd) != 0)
    return -1;
  close(fd);
  return rename(tmp, dst);
}

// Positive: the helper only logs; the write is through a write helper.
void save_logged(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write_all(fd, buf, n);
  log_fd(fd);
  close(fd);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: fsync 'fd' before it is closed, and act on its failure
}

// Positive: the helper syncs a path, but another one.
int save_other_path(const char *tmp, const char *dst, const char *buf,
                    size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  close(fd);
  if (sync_path(dst) != 0)
    return -1;
  return rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: fsync 'fd' before it is closed, and act on its failure
}

// A helper handed the object that holds the fd, as SQLite's unixSync is.
struct tmpfile {
  int fd;
  const char *path;
};

static int tmpfile_sync(struct tmpfile *t) { return fsync(t->fd); }

int save_object(const char *tmp, const char *dst, const char *buf, size_t n) {
  struct tmpfile t;
  t.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(t.fd, buf, n);
  if (tmpfile_sync(&t) != 0)
    return -1;
  close(t.fd);
  return rename(tmp, dst);
}

// A chain ten deep, each helper defined after its caller: summaries settle
// however deep the chain and whatever the order of the definitions.
static int sync10(int fd);
static int sync1(int fd) { return sync10(fd); }

int save_deep_chain(const char *tmp, const char *dst, const char *buf,
                    size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  if (sync1(fd) != 0)
    return -1;
  close(fd);
  return rename(tmp, dst);
}

static int sync2(int fd);
static int sync3(int fd);
static int sync4(int fd);
static int sync5(int fd);
static int sync6(int fd);
static int sync7(int fd);
static int sync8(int fd);
static int sync9(int fd);
static int sync10(int fd) { return sync9(fd); }
static int sync9(int fd) { return sync8(fd); }
static int sync8(int fd) { return sync7(fd); }
static int sync7(int fd) { return sync6(fd); }
static int sync6(int fd) { return sync5(fd); }
static int sync5(int fd) { return sync4(fd); }
static int sync4(int fd) { return sync3(fd); }
static int sync3(int fd) { return sync2(fd); }
static int sync2(int fd) { return fsync(fd); }
