// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11 -D_GNU_SOURCE

// msync with MS_SYNC and sync_file_range report whether the write-back
// worked; msync with only MS_ASYNC schedules it and reports nothing of it.

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
                  SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: result of 'sync_file_range' is ignored; {{.*}} [durability-unchecked-fsync]
}

// Negatives.
void schedule(void *map, unsigned long len) { msync(map, len, MS_ASYNC); }

int flush_checked(void *map, unsigned long len) {
  if (msync(map, len, MS_SYNC) != 0)
    return -1;
  return 0;
}
