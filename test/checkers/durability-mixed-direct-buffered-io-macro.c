// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Path identity through macros: the same macro, two macros that expand to
// the same literal, and a macro that names a global.

#include <fcntl.h>
#include <stdio.h>

#define DATA_FILE "/srv/db/data"
#define DATA_FILE_AGAIN "/srv/db/data"
#define INDEX_FILE index_path

extern const char *index_path;

int data_open_direct(void) { return open(DATA_FILE, O_RDWR | O_DIRECT); }

// Positive: the same macro.
FILE *data_dump(void) { return fopen(DATA_FILE, "r"); }
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'DATA_FILE' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]

// Positive: another macro, the same literal.
int data_scan(void) { return open(DATA_FILE_AGAIN, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'DATA_FILE_AGAIN' is also opened with O_DIRECT; {{.*}}

// Positive: the literal itself.
int data_check(void) { return open("/srv/db/data", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: "/srv/db/data" is also opened with O_DIRECT; {{.*}}

// Positive: a macro that expands to a global, and the global.
int index_open_direct(void) { return open(INDEX_FILE, O_RDWR | O_DIRECT); }
int index_read(void) { return open(index_path, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'index_path' is also opened with O_DIRECT; {{.*}}
