// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// The temporary is written through stdio: fopen(tmp, "w") shows the intent,
// and fflush + fsync(fileno(fp)) make the data durable, but the rename
// still needs the directory sync.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Positive: the file's data is synced, its directory is not.
int save_config(const char *tmp, const char *dst, const char *text) {
  FILE *fp = fopen(tmp, "w");
  if (!fp)
    return -1;
  fwrite(text, 1, strlen(text), fp);
  fflush(fp);
  fsync(fileno(fp));
  fclose(fp);
  rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_copy) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}        fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}        close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      }{{$}}
  // CHECK-FIXES-NEXT: {{^}}      free(durcheck_copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Positive: fopen(tmp, "w") alone shows the intent; no fsync at all.
void save_note(const char *tmp, const char *dst, const char *text) {
  FILE *fp = fopen(tmp, "w");
  if (fp == NULL)
    return;
  fputs(text, fp);
  fclose(fp);
  if (rename(tmp, dst) != 0) {
    perror("rename");
    return;
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    perror("rename");{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+1]]:1: note: the function ends here without fsyncing the directory
}

// Negative: the same as save_config, with the directory fsynced after the
// rename.
int save_config_durably(const char *tmp, const char *dst, const char *text) {
  FILE *fp = fopen(tmp, "w");
  if (!fp)
    return -1;
  if (fwrite(text, 1, strlen(text), fp) != strlen(text) || fflush(fp) != 0 ||
      fsync(fileno(fp)) != 0) {
    fclose(fp);
    return -1;
  }
  if (fclose(fp) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  char *copy = strdup(dst);
  if (!copy)
    return -1;
  int dfd = open(dirname(copy), O_RDONLY);
  free(copy);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: fopen(..., "r") writes nothing and nothing is fsynced, so this
// rename shows no atomic-replace intent.
int archive_report(const char *path, const char *archived) {
  FILE *fp = fopen(path, "r");
  if (!fp)
    return -1;
  char line[128];
  if (!fgets(line, sizeof line, fp)) {
    fclose(fp);
    return -1;
  }
  fclose(fp);
  return rename(path, archived);
}
