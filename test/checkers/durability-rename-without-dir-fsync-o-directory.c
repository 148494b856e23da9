// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The caller passes the directory the files live in; an fd of it opened
// with O_DIRECTORY is a directory fd whatever the path looks like.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Negative: open(dir, O_RDONLY | O_DIRECTORY), then fsync of that fd.
int write_atomic(const char *dir, const char *tmp, const char *dst,
                 const void *buf, size_t len) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len || fsync(fd) != 0) {
    close(fd);
    unlink(tmp);
    return -1;
  }
  close(fd);
  if (rename(tmp, dst) < 0)
    return -1;
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  if (fsync(dfd) < 0) {
    close(dfd);
    return -1;
  }
  close(dfd);
  return 0;
}

// Negative: the flags are kept in a local, O_DIRECTORY among them, and the
// directory fd is opened with openat(AT_FDCWD, ...).
int write_atomic_at(const char *dir, const char *tmp, const char *dst,
                    const void *buf, size_t len) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len || fdatasync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  int dir_flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
  int dfd = openat(AT_FDCWD, dir, dir_flags);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Positive: without O_DIRECTORY nothing says `dir` names a directory.
int write_atomic_plain(const char *dir, const char *tmp, const char *target,
                       const void *buf, size_t len) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) != (ssize_t)len || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (rename(tmp, target) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'target' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename(tmp, target) < 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(target);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  int dfd = open(dir, O_RDONLY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
