#include "store.h"
#include <string.h>

/* Renames through a wrapper in util.c, then syncs through another. */
int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (move_file(tmp, dst) != 0)
    return -1;
  return persist_name(dst);
}

/* The data sync is util.c's persist_fd. */
int save_data(const char *tmp, const char *dst, const char *buf, size_t n) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  write(fd, buf, n);
  persist_fd(fd);
  close(fd);
  if (rename(tmp, dst) != 0)
    return -1;
  return persist_name(dst);
}

/* Creates through util.c's create_file. */
int save_new(const char *path, const char *text) {
  int fd = create_file(path);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return persist_name(path);
}

/* Through the slots vfs.c fills. */
int save_ops(const struct vfs_ops *ops, int fd, const char *tmp,
             const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (ops->rename(tmp, dst) != 0)
    return -1;
  return ops->persist(dst);
}

/* O_DIRECT through util.c's open_direct; vfs.c opens the same path
   buffered. */
int attach(void) { return open_direct(DATA_PATH); }
