// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// The value of fsync or fdatasync discarded: as a statement, cast to void,
// or on the left of a comma. Each warning has a note with the shape to use.

#include <fcntl.h>
#include <unistd.h>

int save(int fd, const char *buf, unsigned n) {
  if (write(fd, buf, n) != (long)n)
    return -1;
  fsync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'fsync' is ignored; if it fails, the data may not be on disk and nothing finds out [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: check it: 'if (fsync(fd) != 0)' then return an error, abort, or reopen the file and write the data again; do not retry the sync
  return 0;
}

void save_void(int fd) {
  (void)fdatasync(fd);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: result of 'fdatasync' is ignored; {{.*}} [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: check it: 'if (fdatasync(fd) != 0)' then
}

int save_comma(int fd) {
  int done = (fsync(fd), 1);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: check it
  return done;
}

void save_in_loop(const int *fds, int n) {
  for (int i = 0; i < n; i++)
    fsync(fds[i]);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: check it: 'if (fsync(fds[i]) != 0)'
}

// Negatives: the result is tested, returned, or passed on.
int checked(int fd) {
  if (fsync(fd) != 0)
    return -1;
  return 0;
}

int returned(int fd) { return fdatasync(fd); }

int passed_on(int fd, int (*report)(int)) { return report(fsync(fd)); }

int in_condition(int fd) {
  int rc;
  if ((rc = fsync(fd)) < 0)
    return rc;
  return 0;
}

// Negative: a directory's sync left to fail quietly is best effort, as in
// the rename check's fix-it; whether it happens is that check's business.
void sync_dir(void) {
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}
