// RUN: %clang_tidy --load=%plugin --quiet %s \
// RUN:   --config="{Checks: '-*,durability-create-without-dir-fsync', CheckOptions: {durability-create-without-dir-fsync.RequireIntent: 'sometimes', durability-create-without-dir-fsync.DirSyncFunctionPattern: '(sync'}}" \
// RUN:   -- -std=gnu11 2>&1 | FileCheck %s --implicit-check-not='{{warning|error}}:'

// A malformed option value is reported with the option's name; the check
// still runs with RequireIntent at its default, true.

// CHECK-DAG: warning: invalid configuration value 'sometimes' for option 'durability-create-without-dir-fsync.RequireIntent'; expected a bool [clang-tidy-config]
// CHECK-DAG: warning: invalid regular expression in DirSyncFunctionPattern '(sync': {{.*}} [clang-tidy-config]

#include <fcntl.h>
#include <unistd.h>

int make(void) {
  int fd = open("new", O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-DAG: bad-option.c:[[@LINE-1]]:12: warning: creation of "new" is not durable {{.*}} [durability-create-without-dir-fsync]
  fsync(fd);
  close(fd);
  return 0;
}

int scratch(void) {
  int fd = open("scratch", O_WRONLY | O_CREAT | O_EXCL, 0644);
  write(fd, "x", 1);
  return close(fd);
}
