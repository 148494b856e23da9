// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// Negative: a new file whose parent directory is fsynced after the file's
// own fsync, through an fd opened with O_DIRECTORY, through the fd of an
// opendir stream, and through a helper that syncs the directory.

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static int write_synced(int fd, const char *text) {
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0)
    return -1;
  return close(fd);
}

int create_in_dir(const char *text) {
  int fd = open("data/new", O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  if (write_synced(fd, text) != 0)
    return -1;
  int dfd = open("data", O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}

int create_with_dirfd(const char *text) {
  int fd = open("data/other", O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  if (write_synced(fd, text) != 0)
    return -1;
  DIR *d = opendir("data");
  if (!d)
    return -1;
  fsync(dirfd(d));
  closedir(d);
  return 0;
}

int sync_parent_dir(const char *path);

int create_with_helper(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  if (write_synced(fd, text) != 0)
    return -1;
  return sync_parent_dir(path);
}
