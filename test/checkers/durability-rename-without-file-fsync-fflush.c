// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=gnu11

// fflush moves stdio's buffer into the kernel's page cache, no further: a
// crash can still lose it. fsync(fileno(f)) after fflush(f) syncs it.

#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Positive: fflush alone.
void save_flushed(const char *tmp, const char *dst, const char *text) {
  FILE *f = fopen(tmp, "w");
  fputs(text, f);
  fflush(f);
  fclose(f);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: fflush only hands the data to the kernel; fsync(fileno('f')) after it makes it durable
  // CHECK-NOTES: :[[@LINE-5]]:3: note: fflush 'f' and fsync fileno('f') before it is closed, and act on their failure
}

// Positive: fsync before the fflush misses what stdio still buffers.
void save_early_sync(const char *tmp, const char *dst, const char *text) {
  FILE *f = fopen(tmp, "w");
  fprintf(f, "%s\n", text);
  fsync(fileno(f));
  fclose(f);
  rename(tmp, dst);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: fflush 'f' and fsync fileno('f') before it is closed, and act on their failure
}

// Negative: fflush, then fsync of its fd.
int save_synced(const char *tmp, const char *dst, const char *text) {
  FILE *f = fopen(tmp, "w");
  if (!f)
    return -1;
  fwrite(text, 1, strlen(text), f);
  if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
    fclose(f);
    return -1;
  }
  fclose(f);
  return rename(tmp, dst);
}
