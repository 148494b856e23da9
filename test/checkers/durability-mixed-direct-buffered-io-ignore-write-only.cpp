// RUN: %check_durability -check-option=IgnoreWriteOnlyOpens=true %s durability-mixed-direct-buffered-io %t -- -std=c++17 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=DEFAULT %s durability-mixed-direct-buffered-io %t-default -- -std=c++17 -D_GNU_SOURCE

// IgnoreWriteOnlyOpens reports a buffered open only when it can read the
// file: stale pages are served to readers. Write-only opens (O_WRONLY,
// creat, fopen "w" or "a", ofstream) are reported by default only.

#include <cstdio>
#include <fcntl.h>
#include <fstream>

#define SEG "/srv/seg"

int seg_open() { return open(SEG, O_RDWR | O_DIRECT); }

int seg_fill() { return open(SEG, O_WRONLY | O_TRUNC); }
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:25: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
int seg_recreate() { return creat(SEG, 0600); }
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:29: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
std::FILE *seg_log() { return std::fopen(SEG, "a"); }
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:31: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
void seg_write() { std::ofstream out(SEG); }
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:34: warning: 'SEG' is also opened with O_DIRECT; {{.*}}

int seg_read() { return open(SEG, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:25: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
int seg_update() { return open(SEG, O_RDWR); }
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:27: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
std::FILE *seg_patch() { return std::fopen(SEG, "r+"); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:33: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
void seg_scan() { std::ifstream in(SEG); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
// CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:33: warning: 'SEG' is also opened with O_DIRECT; {{.*}}
