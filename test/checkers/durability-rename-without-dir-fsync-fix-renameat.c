// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// renameat into a directory fd: the fix fsyncs that fd. Into AT_FDCWD with
// a literal name: the fix opens the literal's directory, ".".

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int install(const char *tmp, int dirfd_var, const char *name,
            const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  renameat(AT_FDCWD, tmp, dirfd_var, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'name' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  renameat(AT_FDCWD, tmp, dirfd_var, name);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fsync(dirfd_var);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  return 0;
}

int install_here(const char *text) {
  int fd = open("a.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  renameat(AT_FDCWD, "a.tmp", AT_FDCWD, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to "a" is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+9]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  renameat(AT_FDCWD, "a.tmp", AT_FDCWD, "a");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(".", O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return 0;
}
