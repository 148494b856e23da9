// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// SQLite's unix VFS (src/os_unix.c): writes go through the fd held in the
// file object, by way of a table of system calls, and unixSync fsyncs that
// fd through full_fsync. The VFS renames nothing; its files are made
// durable in place. Silent.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

typedef struct unixFile {
  const void *pMethod;
  int h;
  const char *zPath;
} unixFile;

static struct unix_syscall {
  const char *zName;
  void (*pCurrent)(void);
} aSyscall[] = {
    {"open", (void (*)(void))open},
    {"write", (void (*)(void))write},
    {"fsync", (void (*)(void))fsync},
};
#define osOpen ((int (*)(const char *, int, int))aSyscall[0].pCurrent)
#define osWrite ((ssize_t(*)(int, const void *, size_t))aSyscall[1].pCurrent)

static int full_fsync(int fd, int fullSync, int dataOnly) {
  (void)fullSync;
  return dataOnly ? fdatasync(fd) : fsync(fd);
}

static int seekAndWrite(unixFile *id, off_t offset, const void *pBuf,
                        int cnt) {
  if (lseek(id->h, offset, SEEK_SET) < 0)
    return -1;
  return (int)osWrite(id->h, pBuf, (size_t)cnt);
}

int unixWrite(unixFile *id, const void *pBuf, int amt, off_t offset) {
  return seekAndWrite(id, offset, pBuf, amt) == amt ? 0 : 10;
}

int unixSync(unixFile *pFile, int flags) {
  if (full_fsync(pFile->h, 0, flags & 0x10))
    return 10;
  return 0;
}

int unixOpen(unixFile *pFile, const char *zPath, int flags) {
  int fd = osOpen(zPath, flags, 0644);
  if (fd < 0)
    return 14;
  pFile->h = fd;
  pFile->zPath = zPath;
  return 0;
}

// A journal written and synced through the VFS before it is moved into
// place, as an application on top of SQLite's os layer might do.
int commitJournal(unixFile *j, const char *zPath, const char *zFinal,
                  const void *pBuf, int amt) {
  if (unixOpen(j, zPath, O_RDWR | O_CREAT))
    return 14;
  if (unixWrite(j, pBuf, amt, 0))
    return 10;
  if (unixSync(j, 0))
    return 10;
  close(j->h);
  return rename(zPath, zFinal);
}
