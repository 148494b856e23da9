// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Writing a file shows the intent to keep it only before the rename that
// publishes it. After a log is rotated away, writing under the old name
// starts a new file: that says nothing of the rotated data, and without a
// sync anywhere there is no intent to report.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int rotate(const char *log, const char *old) {
  if (rename(log, old) != 0)
    return -1;
  return 0;
}

static void append(const char *log, const char *line) {
  FILE *fp = fopen(log, "a");
  if (!fp)
    return;
  fputs(line, fp);
  fclose(fp);
}

// Negative: the log is rotated, then a fresh one is written.
void new_generation(void) {
  rotate("/var/log/app.log", "/var/log/app.log.1");
  append("/var/log/app.log", "started\n");
}

// Positive: the file is written, then rotated: the write published by the
// rename shows the intent.
void publish(void) {
  append("/var/log/app.log", "finished\n");
  rotate("/var/log/app.log", "/var/log/app.log.1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "/var/log/app.log.1" by 'rotate' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  append("/var/log/app.log", "finished\n");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  rotate("/var/log/app.log", "/var/log/app.log.1");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("/var/log", O_RDONLY | O_DIRECTORY);{{$}}
}

// Positive: a write in a loop comes before the next round's rename.
void every_round(int n) {
  for (int i = 0; i < n; ++i) {
    rotate("/var/log/app.log", "/var/log/app.log.1");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: rename to "/var/log/app.log.1" by 'rotate' is not durable
    // CHECK-FIXES:      {{^}}    rotate("/var/log/app.log", "/var/log/app.log.1");{{$}}
    // CHECK-FIXES-NEXT: {{^}}    {{{$}}
    append("/var/log/app.log", "round\n");
  }
}
