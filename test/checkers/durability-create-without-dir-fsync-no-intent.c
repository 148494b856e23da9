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
