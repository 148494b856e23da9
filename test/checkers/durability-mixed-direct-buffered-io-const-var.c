// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Path identity through constants: a const array, a static const pointer,
// and a const pointer initialised with the same literal all name one file.

#include <fcntl.h>
#include <stdio.h>

static const char LOG_PATH[] = "/var/log/app.wal";
static const char *const LOG_PATH_PTR = "/var/log/app.wal";
const char *const OTHER_PATH = "/var/log/other.wal";

int wal_open(void) { return open(LOG_PATH, O_WRONLY | O_APPEND | O_DIRECT); }

// Positive: the same const array.
FILE *wal_tail(void) { return fopen(LOG_PATH, "r"); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'LOG_PATH' is also opened with O_DIRECT; {{.*}}

// Positive: a static const pointer to the same literal.
int wal_verify(void) { return open(LOG_PATH_PTR, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'LOG_PATH_PTR' is also opened with O_DIRECT; {{.*}}

// Negative: a constant that names another file.
int other_read(void) { return open(OTHER_PATH, O_RDONLY); }
