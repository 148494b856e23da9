// RUN: %clang_tidy --load=%plugin --quiet %s \
// RUN:   --config="{Checks: '-*,durability-rename-without-file-fsync', CheckOptions: {durability-rename-without-file-fsync.DataSyncFunctions: 'db_sync;sync it', durability-rename-without-file-fsync.FileWriteFunctions: 'put;2x'}}" \
// RUN:   -- -std=gnu11 2>&1 | FileCheck %s --implicit-check-not='{{warning|error}}:'

// A malformed entry of either option is reported with the option's name;
// the valid entries still apply. (The durcheck driver does not print
// clang-tidy's configuration warnings yet, for any check.)

// CHECK-DAG: warning: invalid entry 'sync it' in DataSyncFunctions; expected a function name [clang-tidy-config]
// CHECK-DAG: warning: invalid entry '2x' in FileWriteFunctions; expected a function name [clang-tidy-config]

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int db_sync(int fd);
int put(int fd, const char *s);

void synced(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  put(fd, "x");
  db_sync(fd);
  close(fd);
  rename(tmp, dst);
}

void unsynced(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  put(fd, "x");
  close(fd);
  rename(tmp, dst);
  // CHECK-DAG: bad-option.c:[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; {{.*}} [durability-rename-without-file-fsync]
}
