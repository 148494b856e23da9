// RUN: %check_durability -check-suffix=DEFAULT %s durability-create-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED -check-option 'DirSyncFunctions=commit_entries;publish' %s durability-create-without-dir-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=HELPER -check-option DirSyncFunction=commit_entries -check-option DirSyncFunctionPattern= %s durability-create-without-dir-fsync %t -- -std=gnu11

// The options of durability-rename-without-dir-fsync, with the same
// meaning: DirSyncFunctions lists helpers trusted to sync a directory,
// DirSyncFunctionPattern matches their names, and DirSyncFunction is the
// helper a fix calls, trusted too. commit_entries matches no default
// pattern: by default its call syncs nothing.

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int commit_entries(const char *path);

int add_entry(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:12: warning: creation of 'path' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES-DEFAULT:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  commit_entries(path);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

int add_other(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:12: warning: creation of 'path' is not durable {{.*}} [durability-create-without-dir-fsync]
  // CHECK-MESSAGES-LISTED: :[[@LINE-2]]:12: warning: creation of 'path' is not durable {{.*}} [durability-create-without-dir-fsync]
  // CHECK-MESSAGES-HELPER: :[[@LINE-3]]:12: warning: creation of 'path' is not durable {{.*}} [durability-create-without-dir-fsync]
  // CHECK-FIXES-DEFAULT:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-DEFAULT-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  // CHECK-FIXES-LISTED:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-LISTED-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
  // CHECK-FIXES-HELPER:      {{^}}  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);{{$}}
  // CHECK-FIXES-HELPER-NEXT: {{^}}  commit_entries(path);{{$}}
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE+3]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-LISTED: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES-HELPER: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
