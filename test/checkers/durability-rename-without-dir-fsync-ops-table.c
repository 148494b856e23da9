// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// An ops table in the style of sqlite3_vfs: the rename goes through a
// function pointer field. A call through the field takes the summaries of
// the functions stored into it, here from a table's initialiser and from an
// assignment; a field nothing known is stored into reports nothing. A
// hook stored in two tables syncs only if both of its functions do: one of
// them does nothing.

#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct vfs_ops {
  int (*rename)(const char *from, const char *to);
  int (*replace)(const char *from, const char *to);
  int (*remove)(const char *path);
  int (*opaque)(const char *from, const char *to);
};

static int posix_rename(const char *from, const char *to) {
  return rename(from, to);
}

static const struct vfs_ops posix_ops = {.rename = posix_rename,
                                         .remove = remove};

static int copy_rename(const char *from, const char *to) {
  return rename(from, to);
}

void use_copying(struct vfs_ops *ops) { ops->replace = copy_rename; }

int save(const struct vfs_ops *ops, const char *tmp, const char *dst,
         const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  if (ops->rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'ops->rename' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    char *durcheck_copy = strdup(dst);{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :25:10: note: 'posix_rename' renames 'from' to 'to' here
  return 0;
}

// The field an assignment stores into.
int replace(const struct vfs_ops *ops, int fd, const char *tmp,
            const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (ops->replace(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'ops->replace' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :32:10: note: 'copy_rename' renames 'from' to 'to' here
  return 0;
}

// Negative: nothing this unit stores into the field renames.
int save_opaque(const struct vfs_ops *ops, int fd, const char *tmp,
                const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  return ops->opaque(tmp, dst);
}

const struct vfs_ops *default_ops(void) { return &posix_ops; }

// A hook after the rename: the durable table's syncs the directory, the
// fast table's does nothing, and either may be the one called.
struct hooks {
  void (*after_rename)(const char *path);
};

static void sync_parent(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return;
  int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
  free(copy);
  if (dfd < 0)
    return;
  fsync(dfd);
  close(dfd);
}

static void skip_sync(const char *path) { (void)path; }

static const struct hooks durable_hooks = {.after_rename = sync_parent};
static const struct hooks fast_hooks = {.after_rename = skip_sync};

int publish(const struct hooks *h, int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  h->after_rename(dst);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

const struct hooks *pick_hooks(int durable) {
  return durable ? &durable_hooks : &fast_hooks;
}
