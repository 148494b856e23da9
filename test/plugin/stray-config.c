// The harness forces the configuration: a .clang-tidy beside the file that
// disables every check must not hide the finding.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: echo "Checks: '-*'" > %t.dir/.clang-tidy
// RUN: %check_durability %s durability-rename-without-dir-fsync %t.dir/input -- -std=gnu11

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int publish(const char *tmp, const char *dst) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || fsync(fd) != 0)
    return -1;
  close(fd);
  if (rename(tmp, dst) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: rename to 'dst' is not durable
    return -1;
  // CHECK-FIXES: {{^}}  if (rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    //{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  return 0;
}
