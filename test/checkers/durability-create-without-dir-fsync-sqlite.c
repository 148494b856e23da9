// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// SQLite's unix VFS, which is correct and stays silent: unixOpen creates a
// journal with O_CREAT and marks the file UNIXFILE_DIRSYNC; unixSync
// fsyncs the file, and under that mark opens its directory with
// osOpenDirectory and fsyncs it too.

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define SQLITE_OK 0
#define SQLITE_CANTOPEN 14
#define SQLITE_IOERR_FSYNC 1034
#define UNIXFILE_DIRSYNC 0x08

typedef struct unixFile {
  int h;
  unsigned ctrlFlags;
  const char *zPath;
} unixFile;

static int robust_open(const char *z, int f, mode_t m) {
  int fd;
  do {
    fd = open(z, f | O_CLOEXEC, m);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

static void robust_close(int h) { close(h); }

static int full_fsync(int fd) { return fsync(fd); }

static int osOpenDirectory(const char *zFilename, int *pFd) {
  char zDirname[512];
  int ii, fd;
  strncpy(zDirname, zFilename, sizeof zDirname - 1);
  zDirname[sizeof zDirname - 1] = 0;
  for (ii = (int)strlen(zDirname); ii > 0 && zDirname[ii] != '/'; ii--)
    ;
  if (ii > 0)
    zDirname[ii] = 0;
  else
    strcpy(zDirname, ".");
  fd = robust_open(zDirname, O_RDONLY, 0);
  *pFd = fd;
  return fd >= 0 ? SQLITE_OK : SQLITE_CANTOPEN;
}

static int unixOpen(const char *zName, unixFile *p, int isNewJrnl) {
  int fd = open(zName, O_RDWR | O_CREAT, 0644);
  if (fd < 0)
    return SQLITE_CANTOPEN;
  p->h = fd;
  p->zPath = zName;
  p->ctrlFlags = isNewJrnl ? UNIXFILE_DIRSYNC : 0;
  return SQLITE_OK;
}

static int unixSync(unixFile *pFile) {
  if (full_fsync(pFile->h))
    return SQLITE_IOERR_FSYNC;
  if (pFile->ctrlFlags & UNIXFILE_DIRSYNC) {
    int dirfd;
    int rc = osOpenDirectory(pFile->zPath, &dirfd);
    if (rc == SQLITE_OK) {
      full_fsync(dirfd);
      robust_close(dirfd);
    }
    pFile->ctrlFlags &= ~UNIXFILE_DIRSYNC;
  }
  return SQLITE_OK;
}

int pager_write_journal(const char *zJournal, const void *buf, size_t n) {
  unixFile f;
  int rc = unixOpen(zJournal, &f, 1);
  if (rc != SQLITE_OK)
    return rc;
  if (write(f.h, buf, n) != (ssize_t)n)
    return SQLITE_IOERR_FSYNC;
  rc = unixSync(&f);
  robust_close(f.h);
  return rc;
}
