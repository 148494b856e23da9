// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// The large-file variants open64 and openat64, direct and buffered.

#include <fcntl.h>

int dev_open(void) { return open64("/dev/sdb", O_RDWR | O_DIRECT); }

int dev_probe(void) { return open64("/dev/sdb", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: "/dev/sdb" is also opened with O_DIRECT; {{.*}}

int dev_probe_at(void) { return openat64(AT_FDCWD, "/dev/sdb", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: "/dev/sdb" is also opened with O_DIRECT; {{.*}}

int part_open(int dfd) { return openat64(dfd, "sdc1", O_RDWR | O_DIRECT); }
int part_probe(int dfd) {
  int direct = openat64(dfd, "sdc1", O_RDWR | O_DIRECT);
  return direct + openat64(dfd, "sdc1", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: "sdc1" is also opened with O_DIRECT; {{.*}}
}
