// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// fopen with "w" or "x" makes a new file; fflush and fsync(fileno(f))
// make its data durable, and nothing syncs the directory. "a" appends to a
// file that is usually there already, like a log, and is not counted.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int write_report(const char *text) {
  FILE *f = fopen("out/report.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: creation of "out/report.txt" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  FILE *f = fopen("out/report.txt", "w");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("out", O_RDONLY | O_DIRECTORY);{{$}}
  if (!f)
    return -1;
  fputs(text, f);
  fflush(f);
  fsync(fileno(f));
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return fclose(f);
}

int write_exclusive(const char *text) {
  FILE *f = fopen("out/lock", "wx");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: creation of "out/lock" is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  FILE *f = fopen("out/lock", "wx");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open("out", O_RDONLY | O_DIRECTORY);{{$}}
  if (!f)
    return -1;
  fputs(text, f);
  fflush(f);
  fsync(fileno(f));
  fclose(f);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Negative: appending to a log.
int append_log(const char *text) {
  FILE *f = fopen("out/log", "a");
  if (!f)
    return -1;
  fputs(text, f);
  fflush(f);
  fsync(fileno(f));
  return fclose(f);
}
