// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// An open written inside a macro body is reported at the macro's use, with
// the path as the compiler sees it. It gets no fix-it, even with -fix-notes:
// the flags are not written at the call, and editing the macro would change
// its other uses.

#include <fcntl.h>

#define CACHE "/srv/cache"
#define OPEN_CACHE_RO() open(CACHE, O_RDONLY)

int cache_open(void) { return open(CACHE, O_RDWR | O_DIRECT); }

int cache_probe(void) { return OPEN_CACHE_RO(); }
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: "/srv/cache" is also opened with O_DIRECT; {{.*}}
