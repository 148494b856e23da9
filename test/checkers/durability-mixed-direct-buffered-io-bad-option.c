// RUN: %clang_tidy --load=%plugin --quiet %s \
// RUN:   --config="{Checks: '-*,durability-mixed-direct-buffered-io', CheckOptions: {durability-mixed-direct-buffered-io.OpenLikeFunctions: 'xopen,0,1;broken;yopen,a,1'}}" \
// RUN:   -- -std=gnu11 -D_GNU_SOURCE 2>&1 | FileCheck %s --implicit-check-not='{{warning|error}}:'

// A malformed OpenLikeFunctions entry is reported as a configuration warning
// naming the entry; the valid entries still apply.

// CHECK-DAG: warning: invalid entry 'broken' in OpenLikeFunctions; expected 'name,path-index,flags-index' [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'yopen,a,1' in OpenLikeFunctions; expected 'name,path-index,flags-index' [clang-tidy-config]

#include <fcntl.h>

int xopen(const char *path, int flags);

int a(void) { return open("/srv/x", O_RDWR | O_DIRECT); }
int b(void) { return xopen("/srv/x", O_RDONLY); }
// CHECK-DAG: bad-option.c:[[@LINE-1]]:22: warning: "/srv/x" is also opened with O_DIRECT; {{.*}}
