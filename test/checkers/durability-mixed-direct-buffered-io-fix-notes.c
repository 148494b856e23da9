// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=NOFIX %s durability-mixed-direct-buffered-io %t-nofix -- -std=gnu11 -D_GNU_SOURCE

// The fix-it that adds O_DIRECT to a buffered open is on the note: O_DIRECT
// needs aligned buffers and offsets, so only -fix-notes applies it. It goes
// after the last token of the flags, through macros, and wraps flags that
// bind more loosely than |.

#include <fcntl.h>
#include <stdbool.h>

#define CACHE "/srv/cache"
#define READ_FLAGS O_RDONLY | O_NOATIME

int cache_open(void) { return open(CACHE, O_RDWR | O_DIRECT); }

int cache_read(void) { return open(CACHE, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int cache_read(void) { return open(CACHE, O_RDONLY | O_DIRECT); }
// CHECK-MESSAGES-NOFIX: :[[@LINE-3]]:31: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}

int cache_read_macro(void) { return open(CACHE, READ_FLAGS); }
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int cache_read_macro(void) { return open(CACHE, READ_FLAGS | O_DIRECT); }
// CHECK-MESSAGES-NOFIX: :[[@LINE-3]]:37: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}

int cache_read_either(bool rw) {
  return open(CACHE, rw ? O_RDWR : O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
  // CHECK-FIXES: return open(CACHE, (rw ? O_RDWR : O_RDONLY) | O_DIRECT);
  // CHECK-MESSAGES-NOFIX: :[[@LINE-3]]:10: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
}

int cache_read_variable(void) {
  int flags = O_RDONLY;
  return open(CACHE, flags);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
  // CHECK-FIXES: return open(CACHE, flags | O_DIRECT);
  // CHECK-MESSAGES-NOFIX: :[[@LINE-3]]:10: warning: 'CACHE' is also opened with O_DIRECT; {{.*}}
}

int cache_read_at(int dfd) {
  int direct = openat(dfd, "entry", O_RDWR | O_DIRECT);
  return direct + openat(dfd, "entry", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: "entry" is also opened with O_DIRECT; {{.*}}
  // CHECK-FIXES: return direct + openat(dfd, "entry", O_RDONLY | O_DIRECT);
  // CHECK-MESSAGES-NOFIX: :[[@LINE-3]]:19: warning: "entry" is also opened with O_DIRECT; {{.*}}
}
