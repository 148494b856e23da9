// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A path kept in a global array that is filled in at run time: every use of
// the array names the same file, and so does each constant element of an
// array of paths.

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>

char g_datafile[PATH_MAX];
const char *g_segments[4];

int data_open(void) { return open(g_datafile, O_RDWR | O_DIRECT); }

// Positive: the same global array.
FILE *data_export(void) { return fopen(g_datafile, "r"); }
// CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'g_datafile' is also opened with O_DIRECT; {{.*}}

int segment_open(void) { return open(g_segments[1], O_RDWR | O_DIRECT); }

// Positive: the same element.
int segment_scan(void) { return open(g_segments[1], O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'g_segments[1]' is also opened with O_DIRECT; {{.*}}

// Negative: another element.
int segment_scan_next(void) { return open(g_segments[2], O_RDONLY); }
