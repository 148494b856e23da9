// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11 -DBROKEN=0
// RUN: not %clang_tidy --load=%plugin --checks='-*,durability-*' --quiet %s -- -std=gnu11 -DBROKEN=1 -fno-caret-diagnostics 2>&1 | FileCheck --check-prefix=CHECK-BROKEN --implicit-check-not='warning:' %s

// In a TU that does not compile, a rename that clang kept only to recover
// from an error is not reported; the well-formed one beside it still is.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int save(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fsync(fd) != 0) return -1;
  close(fd);
#if BROKEN
  rename(tmp, dst, undeclared_flags);
  // CHECK-BROKEN: :[[@LINE-1]]:20: error: use of undeclared identifier 'undeclared_flags'
  return 0;
#else
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable
  // CHECK-FIXES: {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here
#endif
}
