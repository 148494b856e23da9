// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=c11

// O_DIRECT spelled by its value. Without _GNU_SOURCE glibc defines only
// __O_DIRECT, so the fix-it adds that spelling, and the fixed file compiles.

#include <fcntl.h>

int raw_open(void) { return open("/srv/raw", O_RDWR | 040000); }
int raw_open_glibc(void) { return open("/srv/raw2", O_RDWR | __O_DIRECT); }

int raw_read(void) { return open("/srv/raw", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: "/srv/raw" is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int raw_read(void) { return open("/srv/raw", O_RDONLY | __O_DIRECT); }

int raw_read2(void) { return open("/srv/raw2", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: "/srv/raw2" is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int raw_read2(void) { return open("/srv/raw2", O_RDONLY | __O_DIRECT); }
