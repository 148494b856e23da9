// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11
// RUN: %check_durability -check-suffix=LISTED \
// RUN:   -check-option 'DataSyncFunctions=store_sync;flush_path' \
// RUN:   %s durability-rename-without-file-fsync %t -- -std=gnu11

// DataSyncFunctions names a project's sync helpers whose bodies the unit
// cannot see: each syncs the file its first argument names, an fd, a
// FILE * or a path. Unlisted, they are calls like any other.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int store_sync(int fd);
int flush_path(const char *path);

int save(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  write(fd, buf, n);
  if (store_sync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  if (fsync(fd) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
}

int save_path(const char *tmp, const char *dst, const char *buf, size_t n) {
  FILE *f = fopen(tmp, "w");
  if (!f)
    return -1;
  fwrite(buf, 1, n, f);
  fclose(f);
  if (flush_path(tmp) != 0)
    return -1;
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  if (fflush(f) != 0 || fsync(fileno(f)) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    fclose(f);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fclose(f);{{$}}
}
