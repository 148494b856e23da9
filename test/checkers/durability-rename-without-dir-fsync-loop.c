// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Renames inside a loop. One directory sync after the loop covers every
// rename the loop made; a loop with no sync anywhere after it leaves them all
// undoable.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_segment(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

// Negative: every segment is written, then all are renamed, then the spool
// directory is fsynced once.
int flush_segments(const char *spool, int n, const char *const tmps[],
                   const char *const names[], const char *const texts[]) {
  for (int i = 0; i < n; i++)
    if (write_segment(tmps[i], texts[i]) != 0)
      return -1;
  for (int i = 0; i < n; i++) {
    if (rename(tmps[i], names[i]) != 0)
      return -1;
  }
  int dfd = open(spool, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: a while loop over a list, the sync after it.
struct segment {
  const char *tmp, *name, *text;
  struct segment *next;
};

int commit_list(const char *spool, struct segment *head) {
  struct segment *s = head;
  while (s) {
    if (write_segment(s->tmp, s->text) != 0)
      return -1;
    if (rename(s->tmp, s->name) == -1)
      return -1;
    s = s->next;
  }
  int dfd = open(spool, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  fsync(dfd);
  close(dfd);
  return 0;
}

// Positive: the loop renames, nothing syncs the directory afterwards.
int publish_segments(int n, const char *const tmps[], const char *const names[],
                     const char *const texts[]) {
  for (int i = 0; i < n; i++) {
    if (write_segment(tmps[i], texts[i]) != 0)
      return -1;
    rename(tmps[i], names[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: rename is not durable until the parent directory of its destination is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    // CHECK-FIXES:      {{^}}    rename(tmps[i], names[i]);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      char *durcheck_copy = strdup(names[i]);{{$}}
    // CHECK-FIXES-NEXT: {{^}}      if (durcheck_copy) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}        int durcheck_dfd = open(dirname(durcheck_copy), O_RDONLY | O_DIRECTORY);{{$}}
    // CHECK-FIXES-NEXT: {{^}}        if (durcheck_dfd >= 0) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}          fsync(durcheck_dfd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}          close(durcheck_dfd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}        }{{$}}
    // CHECK-FIXES-NEXT: {{^}}        free(durcheck_copy);{{$}}
    // CHECK-FIXES-NEXT: {{^}}      }{{$}}
    // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Positive: the sync at the top of each iteration covers the rename of the
// iteration before; the last rename is never followed by one.
int rotate_segments(const char *spool, struct segment *head) {
  for (struct segment *s = head; s; s = s->next) {
    int dfd = open(spool, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
      return -1;
    fsync(dfd);
    close(dfd);
    if (write_segment(s->tmp, s->text) != 0)
      return -1;
    if (rename(s->tmp, s->name) != 0)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: rename to 's->name' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    // CHECK-FIXES:      {{^}}    if (rename(s->tmp, s->name) != 0){{$}}
    // CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    {{{$}}
    // CHECK-FIXES-NEXT: {{^}}      char *durcheck_copy = strdup(s->name);{{$}}
  }
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}
