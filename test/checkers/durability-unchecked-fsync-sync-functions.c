// RUN: %check_durability -check-suffix=DEFAULT %s durability-unchecked-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED \
// RUN:   -check-option 'SyncFunctions=pg_fsync; Env::Sync' \
// RUN:   %s durability-unchecked-fsync %t -- -std=gnu11

// SyncFunctions names the project's own syncs, whose first argument is the
// fd: their results are held to the same rules.

#include <unistd.h>

int pg_fsync(int fd);

void ignored(int fd) {
  pg_fsync(fd);
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:3: warning: result of 'pg_fsync' is ignored; {{.*}} [durability-unchecked-fsync]
}

int retried(int fd) {
  while (pg_fsync(fd) != 0)
    // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:10: warning: 'pg_fsync' of 'fd' is retried after it failed; {{.*}} [durability-unchecked-fsync]
    ;
  return 0;
}

// Either way: fsync itself.
void plain(int fd) {
  fsync(fd);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
  // CHECK-MESSAGES-LISTED: :[[@LINE-2]]:3: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
}
