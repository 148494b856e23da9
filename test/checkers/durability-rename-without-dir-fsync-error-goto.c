// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// Kernel-style error handling: a failed call jumps to a cleanup label that
// returns -1. A branch taken because the rename (or a later call) failed
// owes no directory sync; only the success path does.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

// Negative: `!= 0` goto fail; the success path syncs the directory.
int save_state(const char *tmp, const char *dst, const char *text) {
  int fd = -1, dfd = -1;
  char *copy = NULL;
  fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    goto fail;
  if (write(fd, text, strlen(text)) < 0)
    goto fail;
  if (fsync(fd) != 0)
    goto fail;
  close(fd);
  fd = -1;
  if (rename(tmp, dst) != 0)
    goto fail;
  copy = strdup(dst);
  if (!copy)
    goto fail;
  dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    goto fail;
  if (fsync(dfd) != 0)
    goto fail;
  close(dfd);
  free(copy);
  return 0;
fail:
  if (fd >= 0)
    close(fd);
  if (dfd >= 0)
    close(dfd);
  free(copy);
  return -1;
}

// Negative: `== -1`.
int save_eq_minus_one(const char *dir, const char *tmp, const char *dst,
                      const char *text) {
  if (write_file(tmp, text) != 0)
    goto fail;
  if (rename(tmp, dst) == -1)
    goto fail;
  if (sync_dir(dir) != 0)
    goto fail;
  return 0;
fail:
  unlink(tmp);
  return -1;
}

// Negative: `< 0`.
int save_less_than_zero(const char *dir, const char *tmp, const char *dst,
                        const char *text) {
  if (write_file(tmp, text) != 0)
    goto fail;
  if (rename(tmp, dst) < 0)
    goto fail;
  if (sync_dir(dir) != 0)
    goto fail;
  return 0;
fail:
  unlink(tmp);
  return -1;
}

// Negative: the bare call as the condition, non-zero being failure.
int save_bare(const char *dir, const char *tmp, const char *dst,
              const char *text) {
  if (write_file(tmp, text))
    goto fail;
  if (rename(tmp, dst))
    goto fail;
  if (sync_dir(dir))
    goto fail;
  return 0;
fail:
  unlink(tmp);
  return -1;
}

// Negative: the result is kept in a local and tested afterwards.
int save_rc(const char *dir, const char *tmp, const char *dst,
            const char *text) {
  int ret = -1;
  if (write_file(tmp, text) != 0)
    goto out;
  int rc = rename(tmp, dst);
  if (rc != 0)
    goto out;
  ret = sync_dir(dir);
out:
  return ret;
}

// Positive: the error path is fine, but the success path returns without
// syncing the directory.
int save_no_sync(const char *tmp, const char *path, const char *text) {
  if (write_file(tmp, text) != 0)
    goto fail;
  if (rename(tmp, path) != 0)
    goto fail;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'path' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  if (rename(tmp, path) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    goto fail;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(path);{{$}}
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
fail:
  unlink(tmp);
  return -1;
}
