// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// The buffered openers of C: creat, fopen, fopen64 and freopen. None of
// them can take O_DIRECT, so there is no fix-it; the note says what to do.

#include <fcntl.h>
#include <stdio.h>

#define IMAGE "/srv/vm/disk.img"

int image_open(void) { return open(IMAGE, O_RDWR | O_DIRECT); }

int image_recreate(void) { return creat(IMAGE, 0600); }
// CHECK-NOTES: :[[@LINE-1]]:35: warning: 'IMAGE' is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
// CHECK-NOTES: :[[@LINE-4]]:31: note: 'IMAGE' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead and align its buffers and offsets, or drop O_DIRECT

FILE *image_read(void) { return fopen(IMAGE, "rb"); }
// CHECK-NOTES: :[[@LINE-1]]:33: warning: 'IMAGE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-8]]:31: note: 'IMAGE' is opened with O_DIRECT here; open the buffered file with open() and O_DIRECT instead {{.*}}

FILE *image_read64(void) { return fopen64(IMAGE, "r"); }
// CHECK-NOTES: :[[@LINE-1]]:35: warning: 'IMAGE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-12]]:31: note: 'IMAGE' is opened with O_DIRECT here; {{.*}}

FILE *image_reopen(FILE *f) { return freopen(IMAGE, "r", f); }
// CHECK-NOTES: :[[@LINE-1]]:38: warning: 'IMAGE' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES: :[[@LINE-16]]:31: note: 'IMAGE' is opened with O_DIRECT here; {{.*}}

// Negative: freopen without a path keeps the stream's file and names none.
FILE *stdin_binary(void) { return freopen(NULL, "rb", stdin); }
