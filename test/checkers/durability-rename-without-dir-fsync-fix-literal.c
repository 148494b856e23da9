// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// A literal destination: the fix opens the literal's directory, computed
// when the fix is made -- "." for a bare name, "db" for "db/state.json".

#include <stdio.h>
// CHECK-FIXES: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <stdio.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <unistd.h>{{$}}

int save_state(const char *json) {
  FILE *f = fopen("state.tmp", "w");
  if (!f)
    return -1;
  fputs(json, f);
  fclose(f);
  rename("state.tmp", "state.json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "state.json" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename("state.tmp", "state.json");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return 0;
}

int save_db_state(const char *json) {
  FILE *f = fopen("db/state.tmp", "w");
  if (!f)
    return -1;
  fputs(json, f);
  fclose(f);
  rename("db/state.tmp", "db/state.json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "db/state.json" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  rename("db/state.tmp", "db/state.json");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("db", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return 0;
}
