// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED -check-option SyncFunctions=pg_fsync \
// RUN:   %s durability-unchecked-fsync %t -- -std=gnu11

// PostgreSQL's durable_rename and fsync_fname (src/backend/storage/file/
// fd.c, after the 2018 fsync fix) check every sync and leave with an error,
// or PANIC through data_sync_elevel. Silent, with pg_fsync listed as a sync
// or not.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define ERROR 21
#define PANIC 23
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
int data_sync_elevel(int elevel) { return PANIC; }

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

void fsync_fname(const char *fname, int isdir) {
  fsync_fname_ext(fname, isdir, 0, data_sync_elevel(ERROR));
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
      int save_errno = errno;
      CloseTransientFile(fd);
      errno = save_errno;
      ereport(elevel, "could not fsync file \"%s\"", newfile);
      return -1;
    }
    if (CloseTransientFile(fd) != 0) {
      ereport(elevel, "could not close file \"%s\"", newfile);
      return -1;
    }
  }
  if (rename(oldfile, newfile) < 0) {
    ereport(elevel, "could not rename file");
    return -1;
  }
  if (fsync_fname_ext(newfile, 0, 0, elevel) != 0)
    return -1;
  return 0;
}
