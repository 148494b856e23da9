// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// SQLite's unix VFS (os_unix.c): full_fsync returns fsync's result,
// unixSync turns a failure into SQLITE_IOERR_FSYNC, and the directory sync
// after a create is best effort on purpose: it goes through full_fsync,
// which is no sync by name. close goes through the syscall table. Silent.

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define SQLITE_OK 0
#define SQLITE_IOERR_FSYNC (10 | (4 << 8))
#define UNIXFILE_DIRSYNC 0x08

typedef struct unixFile {
  int h;
  int ctrlFlags;
  int lastErrno;
  const char *zPath;
} unixFile;

static struct {
  const char *zName;
  int (*pCurrent)(int);
} aSyscall[] = {{"close", close}};
#define osClose aSyscall[0].pCurrent

int unixLogError(int errcode, const char *zFunc, const char *zPath);
int osOpenDirectory(const char *zFilename, int *pFd);

static int full_fsync(int fd, int fullSync, int dataOnly) {
  int rc;
  (void)fullSync;
  if (dataOnly)
    rc = fdatasync(fd);
  else
    rc = fsync(fd);
  return rc;
}

static void robust_close(unixFile *pFile, int h) {
  if (osClose(h))
    unixLogError(16, "close", pFile ? pFile->zPath : 0);
}

int unixSync(unixFile *pFile, int flags) {
  int isDataOnly = flags & 0x10;
  int isFullsync = (flags & 0x0F) == 0x03;
  int rc = full_fsync(pFile->h, isFullsync, isDataOnly);
  if (rc) {
    pFile->lastErrno = errno;
    return unixLogError(SQLITE_IOERR_FSYNC, "full_fsync", pFile->zPath);
  }
  if (pFile->ctrlFlags & UNIXFILE_DIRSYNC) {
    int dirfd;
    rc = osOpenDirectory(pFile->zPath, &dirfd);
    if (rc == SQLITE_OK) {
      full_fsync(dirfd, 0, 0);
      robust_close(pFile, dirfd);
    } else {
      rc = SQLITE_OK;
    }
    pFile->ctrlFlags &= ~UNIXFILE_DIRSYNC;
  }
  return rc;
}
