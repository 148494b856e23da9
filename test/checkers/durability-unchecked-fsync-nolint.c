// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=gnu11

// NOLINT and NOLINTNEXTLINE naming the check silence it on that line only.

#include <unistd.h>

void best_effort(int fd, int dirfd) {
  fsync(dirfd); // NOLINT(durability-unchecked-fsync)
  // NOLINTNEXTLINE(durability-unchecked-fsync)
  fdatasync(fd);
  fsync(fd); // NOLINT(bugprone-unused-return-value)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
}
