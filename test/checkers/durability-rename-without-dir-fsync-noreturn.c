// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Paths that end the process (exit, abort) after the rename owe no
// directory sync; the path that returns to the caller does.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern volatile int shutdown_requested;
extern int strict_mode;

static int write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

static int sync_dir(const char *dir) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

// Negative: after the rename succeeded, one path exits, one aborts, and the
// path that returns syncs the directory.
int commit_or_die(const char *dir, const char *tmp, const char *dst,
                  const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, dst) != 0) {
    perror("rename");
    exit(1);
  }
  if (shutdown_requested) {
    fprintf(stderr, "shutting down\n");
    exit(1);
  }
  if (strict_mode && shutdown_requested > 1)
    abort();
  sync_dir(dir);
  return 0;
}

_Noreturn static void die(const char *what) {
  perror(what);
  exit(1);
}

// Negative: the same through a _Noreturn helper of the project.
int commit_or_die_helper(const char *dir, const char *tmp, const char *dst,
                         const char *text) {
  if (write_file(tmp, text) != 0)
    die("write");
  if (rename(tmp, dst) != 0)
    die("rename");
  if (shutdown_requested)
    die("shutdown");
  sync_dir(dir);
  return 0;
}

// Negative: the only way out after the rename is exit().
void finish_and_exit(const char *tmp, const char *dst, const char *text) {
  if (write_file(tmp, text) != 0)
    exit(2);
  rename(tmp, dst);
  exit(0);
}

// Positive: the shutdown path returns to the caller instead of exiting.
int commit_or_return(const char *dir, const char *tmp, const char *target,
                     const char *text) {
  if (write_file(tmp, text) != 0)
    return -1;
  if (rename(tmp, target) != 0) {
    perror("rename");
    abort();
  }
  // CHECK-MESSAGES: :[[@LINE-4]]:7: warning: rename to 'target' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename(tmp, target) != 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    perror("rename");{{$}}
  // CHECK-FIXES-NEXT: {{^}}    abort();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(target);{{$}}
  if (shutdown_requested) {
    fprintf(stderr, "shutting down\n");
    // CHECK-MESSAGES: :[[@LINE+1]]:5: note: the function returns here without fsyncing the directory
    return 1;
  }
  sync_dir(dir);
  return 0;
}
