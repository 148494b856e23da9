// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Negative: a direct and a buffered open of different files are unrelated,
// and opens of paths the check cannot identify (a call's result) are never
// paired.

#include <fcntl.h>
#include <stdio.h>

const char *segment_name(int n);

int data_open(void) { return open("/srv/data", O_RDWR | O_DIRECT); }
int meta_open(void) { return open("/srv/meta", O_RDWR); }
FILE *log_open(void) { return fopen("/srv/log", "r"); }

int segment_direct(int n) { return open(segment_name(n), O_RDWR | O_DIRECT); }
int segment_plain(int n) { return open(segment_name(n), O_RDONLY); }
