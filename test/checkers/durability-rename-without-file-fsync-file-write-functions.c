// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED \
// RUN:   -check-option FileWriteFunctions=buf_flush_to \
// RUN:   %s durability-rename-without-file-fsync %t -- -std=gnu11

// FileWriteFunctions names a project's write helpers whose bodies the unit
// cannot see: each writes to the fd or FILE * of its first argument.
// Unlisted, the file looks unwritten, and its rename is not reported.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int buf_flush_to(int fd, const void *buf, size_t n);

void save(const char *tmp, const char *dst, const void *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  buf_flush_to(fd, buf, n);
  close(fd);
  rename(tmp, dst);
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
}
