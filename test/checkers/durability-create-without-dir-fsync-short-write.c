// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A write whose result is compared with its count fails on a short write
// too: `write(fd, buf, n) != n` leaves on an error path, which owes no
// directory sync (PostgreSQL's pg_basebackup pads its WAL files so). The
// other way round, `== n`, is the success branch. The path that succeeds
// and never syncs the directory is still reported. The count may be cast,
// and the call spelled through a macro; a string's length may be taken
// twice.

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BLOCK 8192

int sync_parent_dir(const char *path);

int pad_file(const char *path, const char *zeros, int sync) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  for (int i = 0; i < 4; i++)
    if (write(fd, zeros, BLOCK) != BLOCK) {
      close(fd);
      return -1;
    }
  if (fsync(fd) != 0 || sync_parent_dir(path) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

int copy_in(const char *path, const char *buf, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  if (len == write(fd, buf, len) && fsync(fd) == 0 &&
      sync_parent_dir(path) == 0)
    return close(fd);
  close(fd);
  return -1;
}

// The count cast to the result's type, and the write behind a macro.
#define WRITE_ALL(fd, buf, n) write((fd), (buf), (n))

int copy_cast(const char *path, const char *buf, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return -1;
  if (WRITE_ALL(fd, buf, len) != (ssize_t)len) {
    close(fd);
    return -1;
  }
  if (fsync(fd) != 0 || sync_parent_dir(path) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

// The count a string's length, taken twice.
int save_text(const char *path, const char *text) {
  FILE *fp = fopen(path, "w");
  if (!fp)
    return -1;
  if (fwrite(text, 1, strlen(text), fp) != strlen(text) || fflush(fp) != 0 ||
      fsync(fileno(fp)) != 0) {
    fclose(fp);
    return -1;
  }
  if (fclose(fp) != 0)
    return -1;
  return sync_parent_dir(path);
}

int no_dir_sync(const char *path, const char *buf, size_t len) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return -1;
  if (fwrite(buf, 1, len, stdout) != len || write(fd, buf, len) < len) {
    close(fd);
    return -1;
  }
  fsync(fd);
  return close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}
