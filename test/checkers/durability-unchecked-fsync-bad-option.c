// RUN: %clang_tidy --load=%plugin --quiet %s \
// RUN:   --config="{Checks: '-*,durability-unchecked-fsync', CheckOptions: {durability-unchecked-fsync.SyncFunctions: 'db_sync;sync it;3x', durability-unchecked-fsync.CheckClose: 'sometimes'}}" \
// RUN:   -- -std=gnu11 2>&1 | FileCheck %s --implicit-check-not='{{warning|error}}:'

// A malformed option value is reported with the option's name; the valid
// entries still apply, and CheckClose keeps its default, false.

// CHECK-DAG: warning: invalid entry 'sync it' in SyncFunctions; expected a function name [clang-tidy-config]
// CHECK-DAG: warning: invalid entry '3x' in SyncFunctions; expected a function name [clang-tidy-config]
// CHECK-DAG: warning: invalid configuration value 'sometimes' for option 'durability-unchecked-fsync.CheckClose'; expected a bool [clang-tidy-config]

#include <fcntl.h>
#include <unistd.h>

int db_sync(int fd);

void f(int fd, const char *b) {
  db_sync(fd);
  // CHECK-DAG: bad-option.c:[[@LINE-1]]:3: warning: result of 'db_sync' is ignored; {{.*}} [durability-unchecked-fsync]
  int log = open("log", O_WRONLY | O_APPEND);
  write(log, b, 1);
  close(log);
}
