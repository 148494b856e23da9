// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The fix needs <fcntl.h> and <unistd.h>, which this file already includes,
// out of order: no second copy may be added.

// CHECK-FIXES:      {{^}}// The includes, as a project might order them:{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdio.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <signal.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <unistd.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}int save_pidfile(int fd) {{{$}}
// The includes, as a project might order them:
#include <stdio.h>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>

int save_pidfile(int fd) {
  if (fsync(fd) != 0)
    return -1;
  close(fd);
  rename("run/app.pid.tmp", "run/app.pid");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "run/app.pid" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename("run/app.pid.tmp", "run/app.pid");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("run", O_RDONLY | O_DIRECTORY);{{$}}
  return 0;
}
