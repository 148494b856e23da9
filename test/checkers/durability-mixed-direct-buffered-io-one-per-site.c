// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Several direct opens of one file: each buffered open is reported once,
// with a note at the first direct open.

#include <fcntl.h>

#define DEVICE "/dev/nvme0n1"

int dev_writer(void) { return open(DEVICE, O_WRONLY | O_DIRECT); }
int dev_reader(void) { return open(DEVICE, O_RDONLY | O_DIRECT); }
int dev_trimmer(void) { return open(DEVICE, O_RDWR | O_DIRECT); }

int dev_probe(void) { return open(DEVICE, O_RDONLY); }
// CHECK-NOTES: :[[@LINE-1]]:30: warning: 'DEVICE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-6]]:31: note: 'DEVICE' is opened with O_DIRECT here; {{.*}}

int dev_smart(void) { return open(DEVICE, O_RDONLY | O_NONBLOCK); }
// CHECK-NOTES: :[[@LINE-1]]:30: warning: 'DEVICE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-10]]:31: note: 'DEVICE' is opened with O_DIRECT here; {{.*}}
