// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A new file is durable once the directory that holds it is synced: a sync
// of another directory leaves it missing after a crash.

#include <fcntl.h>
#include <unistd.h>

// Positive: the job went into "spool", the sync is of "queue".
int submit_job(const char *buf, unsigned len) {
  int fd = open("spool/job", O_CREAT | O_EXCL | O_WRONLY, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of "spool/job" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open("spool/job", O_CREAT | O_EXCL | O_WRONLY, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("spool", O_RDONLY | O_DIRECTORY);{{$}}
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  int d = open("queue", O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  if (fsync(d) != 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this syncs the directory "queue", but "spool/job" is in "spool"
    close(d);
    return -1;
  }
  close(d);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Negative: the directory that holds it.
int submit_job_right(const char *buf, unsigned len) {
  int fd = open("spool/job", O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, buf, len) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  int d = open("spool", O_RDONLY | O_DIRECTORY);
  if (d < 0)
    return -1;
  int rc = fsync(d);
  close(d);
  return rc;
}
