// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// Negative: a new file renamed afterwards, directly or through a helper,
// is an atomic replace; durability-rename-without-dir-fsync owns its
// directory.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int replace(const char *tmp, const char *dst, const char *text) {
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  if (write(fd, text, strlen(text)) < 0 || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return rename(tmp, dst);
}

static int move_into_place(const char *from, const char *to) {
  return rename(from, to);
}

int replace_through_helper(const char *dst, const char *text) {
  int fd = open("data/new.tmp", O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  fsync(fd);
  close(fd);
  return move_into_place("data/new.tmp", dst);
}
