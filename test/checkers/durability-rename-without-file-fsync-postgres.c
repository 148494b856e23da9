// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// PostgreSQL's durable_rename and fsync_fname (src/backend/storage/file/
// fd.c): the old path is opened again and fsynced before the rename, and
// its callers write a temporary with pg_fsync before they call it. Silent.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ERROR 21
void errfinish(int elevel, const char *fmt, ...);
#define ereport(elevel, ...)                                                   \
  do {                                                                         \
    errfinish(elevel, __VA_ARGS__);                                            \
    if ((elevel) >= ERROR)                                                     \
      __builtin_unreachable();                                                 \
  } while (0)

int enableFsync = 1;
int OpenTransientFile(const char *fileName, int fileFlags);
int CloseTransientFile(int fd);

int pg_fsync(int fd) {
  if (enableFsync)
    return fsync(fd);
  return 0;
}

static int fsync_fname_ext(const char *fname, int isdir, int ignore_perm,
                           int elevel) {
  int fd = OpenTransientFile(fname, isdir ? O_RDONLY : O_RDWR);
  if (fd < 0) {
    if (ignore_perm && errno == EACCES)
      return 0;
    ereport(elevel, "could not open file \"%s\"", fname);
    return -1;
  }
  int returncode = pg_fsync(fd);
  if (returncode != 0 && !(isdir && (errno == EBADF || errno == EINVAL))) {
    int save_errno = errno;
    (void)CloseTransientFile(fd);
    errno = save_errno;
    ereport(elevel, "could not fsync file \"%s\"", fname);
    return -1;
  }
  if (CloseTransientFile(fd) != 0) {
    ereport(elevel, "could not close file \"%s\"", fname);
    return -1;
  }
  return 0;
}

int durable_rename(const char *oldfile, const char *newfile, int elevel) {
  if (fsync_fname_ext(oldfile, 0, 0, elevel) != 0)
    return -1;
  int fd = OpenTransientFile(newfile, O_RDWR);
  if (fd < 0) {
    if (errno != ENOENT) {
      ereport(elevel, "could not open file \"%s\"", newfile);
      return -1;
    }
  } else {
    if (pg_fsync(fd) != 0) {
      CloseTransientFile(fd);
      ereport(elevel, "could not fsync file \"%s\"", newfile);
      return -1;
    }
    CloseTransientFile(fd);
  }
  if (rename(oldfile, newfile) < 0) {
    ereport(elevel, "could not rename file");
    return -1;
  }
  if (fsync_fname_ext(newfile, 0, 0, elevel) != 0)
    return -1;
  return 0;
}

// A caller in the shape of write_relmap_file / the replication slot save:
// write the temporary, pg_fsync it, close it, durable_rename it.
void save_state(const char *tmppath, const char *path, const char *buf,
                size_t n) {
  int fd = open(tmppath, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    ereport(ERROR, "could not create file \"%s\"", tmppath);
    return;
  }
  if (write(fd, buf, n) != (ssize_t)n) {
    ereport(ERROR, "could not write to file \"%s\"", tmppath);
    return;
  }
  if (pg_fsync(fd) != 0) {
    ereport(ERROR, "could not fsync file \"%s\"", tmppath);
    return;
  }
  if (CloseTransientFile(fd) != 0) {
    ereport(ERROR, "could not close file \"%s\"", tmppath);
    return;
  }
  durable_rename(tmppath, path, ERROR);
}

// A caller that leaves the temporary's sync to durable_rename.
void save_lazily(const char *tmppath, const char *path, const char *buf,
                 size_t n) {
  int fd = open(tmppath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return;
  write(fd, buf, n);
  close(fd);
  durable_rename(tmppath, path, ERROR);
}
