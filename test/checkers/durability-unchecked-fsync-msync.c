// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11 -D_GNU_SOURCE

// msync with MS_SYNC, and sync_file_range with SYNC_FILE_RANGE_WAIT_AFTER,
// report whether the write-back worked; without them they only start it,
// as PostgreSQL's and dpkg's early write-back hints do.

#include <fcntl.h>
#include <sys/mman.h>

void flush_map(void *map, unsigned long len) {
  msync(map, len, MS_SYNC);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'msync' is ignored; {{.*}} [durability-unchecked-fsync]
  msync(map, len, MS_SYNC | MS_INVALIDATE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'msync' is ignored; {{.*}} [durability-unchecked-fsync]
}

void flush_range(int fd, long off, long len) {
  sync_file_range(fd, off, len,
                  SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                      SYNC_FILE_RANGE_WAIT_AFTER);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: result of 'sync_file_range' is ignored; {{.*}} [durability-unchecked-fsync]
}

// Negatives.
void schedule(void *map, unsigned long len) { msync(map, len, MS_ASYNC); }

void hint(int fd) {
  sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE);
}

int flush_checked(void *map, unsigned long len) {
  if (msync(map, len, MS_SYNC) != 0)
    return -1;
  return 0;
}
