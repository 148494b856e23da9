// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// Negative: new files whose data is never fsynced show no durability
// intent -- scratch files, caches, output a crash may lose -- and their
// directories owe nothing.

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int write_scratch(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return -1;
  write(fd, text, strlen(text));
  return close(fd);
}

void write_cache(const char *text) {
  FILE *f = fopen("cache/entry", "w");
  if (!f)
    return;
  fputs(text, f);
  fclose(f);
}

// A helper that syncs only under a flag, here turned off: that it syncs
// something is no intent for the file.
struct file {
  int fd;
};

static int file_sync(struct file *f) { return fsync(f->fd); }

static int file_create(struct file *f, const char *path) {
  f->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  return f->fd;
}

static int write_string(const char *path, const char *text, int should_sync) {
  struct file f;
  if (file_create(&f, path) < 0)
    return -1;
  write(f.fd, text, strlen(text));
  if (should_sync)
    file_sync(&f);
  return close(f.fd);
}

int write_string_unsynced(const char *path, const char *text) {
  return write_string(path, text, 0);
}
