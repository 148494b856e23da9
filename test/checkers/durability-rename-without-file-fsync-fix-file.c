// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// For a FILE *, the fix flushes stdio's buffer and fsyncs the fd under it
// before the fclose, failing as the function's other failure tests do.

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int save(const char *tmp, const char *dst, const char *text) {
  FILE *f = fopen(tmp, "w");
  if (f == NULL)
    return -1;
  fwrite(text, 1, strlen(text), f);
  fclose(f);
  return rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-FIXES:      {{^}}  fwrite(text, 1, strlen(text), f);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fflush(f) != 0 || fsync(fileno(f)) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    fclose(f);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fclose(f);{{$}}
}

// Negative next to it: the shape the fix leaves.
int save_fixed(const char *tmp, const char *dst, const char *text) {
  FILE *f = fopen(tmp, "w");
  if (f == NULL)
    return -1;
  fwrite(text, 1, strlen(text), f);
  if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
    fclose(f);
    return -1;
  }
  fclose(f);
  return rename(tmp, dst);
}
