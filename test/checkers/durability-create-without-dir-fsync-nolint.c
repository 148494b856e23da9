// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// NOLINT and NOLINTNEXTLINE naming the check silence it on that creation
// only; the others in the file are still reported.

#include <fcntl.h>
#include <unistd.h>

static int sync_and_close(int fd) {
  int rc = fsync(fd);
  close(fd);
  return rc;
}

int make_marker(void) {
  int fd = open("marker", O_WRONLY | O_CREAT | O_EXCL, 0644); // NOLINT(durability-create-without-dir-fsync)
  if (fd < 0)
    return -1;
  return sync_and_close(fd);
}

int make_stamp(void) {
  // NOLINTNEXTLINE(durability-create-without-dir-fsync)
  int fd = open("stamp", O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  return sync_and_close(fd);
}

int make_flag(void) {
  int fd = open("flag", O_WRONLY | O_CREAT | O_EXCL, 0644); // NOLINT(durability-rename-without-dir-fsync)
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of "flag" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open("flag", O_WRONLY | O_CREAT | O_EXCL, 0644); // NOLINT(durability-rename-without-dir-fsync){{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  if (fd < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return sync_and_close(fd);
}
