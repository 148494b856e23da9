// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=ALL -check-option RequireIntent=false %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Log rotation renames a file the function neither created nor fsynced:
// no atomic-replace intent, so by default the check stays silent. With
// RequireIntent=false every rename without a directory sync is a finding.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Negative by default; positive with RequireIntent=false.
void rotate_log(const char *log, const char *log_old) {
  rename(log, log_old);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: warning: rename to 'log_old' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES-ALL:      {{^}}  rename(log, log_old);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}    char *durcheck_copy = strdup(log_old);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-ALL-NEXT: {{^}}  }{{$}}
  // CHECK-MESSAGES-ALL: :[[@LINE+1]]:1: note: the function ends here without fsyncing the directory
}

// Negative in both runs: rotation followed by a directory sync.
int rotate_log_durably(const char *logdir, const char *log,
                       const char *log_old) {
  if (rename(log, log_old) != 0)
    return -1;
  int dfd = open(logdir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  return 0;
}

// Negative in both runs: the caller learns of a failed rotation.
int rotate_log_checked(const char *log, const char *log_old) {
  if (rename(log, log_old) != 0) {
    perror("rename");
    return -1;
  }
  sync();
  return 0;
}
