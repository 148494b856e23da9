// The module loads into Debian's clang-tidy, lists the registered checks
// and fires on the classic pattern while staying silent on the correct one.
// RUN: %python %src_root/scripts/checks.py --src-root=%src_root list > %t.expected
// RUN: %clang_tidy --load=%plugin --checks='-*,durability-*' --list-checks \
// RUN:   | sed -n 's/^ *\(durability-\)/\1/p' > %t.listed
// RUN: diff %t.expected %t.listed
// RUN: %clang_tidy --load=%plugin --checks='-*,durability-*' --quiet %s -- -std=gnu11 | FileCheck --implicit-check-not='{{warning|error}}:' %s

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int replace_unsynced(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  return rename(tmp, dst);
  // CHECK: load.c:[[@LINE-1]]:10: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
}

int replace_synced(const char *tmp, const char *dst, const char *dir) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}
