// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// O_CREAT without O_EXCL or O_TRUNC on a path the function opened or
// stat'ed before is a file that may well be there: not a new one. With
// O_TRUNC, or on a path the function never looked at, it is new.

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// Negative: stat'ed before.
int update_counter(const char *path, const char *text) {
  struct stat st;
  if (stat(path, &st) != 0 && st.st_size > 0)
    return -1;
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  return close(fd);
}

// Negative: opened for reading before.
int bump(const char *path) {
  char buf[16] = {0};
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    read(fd, buf, sizeof buf - 1);
    close(fd);
  }
  fd = open(path, O_WRONLY | O_CREAT, 0644);
  if (fd < 0)
    return -1;
  buf[0]++;
  write(fd, buf, 1);
  fsync(fd);
  return close(fd);
}

// Positive: O_TRUNC makes it new whatever was looked at before.
int rewrite(const char *path, const char *text) {
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
    return -1;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}

// Positive: O_CREAT on a path it looked at only under another name.
int record(const char *path, const char *other, const char *text) {
  struct stat st;
  if (stat(other, &st) == 0)
    return 0;
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return close(fd);
}
