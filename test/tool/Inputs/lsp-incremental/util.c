#define _GNU_SOURCE
#include "store.h"
#include <string.h>

/* The helpers the other units' findings depend on. */
int persist_name(const char *path) {
  char buf[4096];
  strncpy(buf, path, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = '\0';
  return record_entry(buf);
}

int persist_fd(int fd) { return fdatasync(fd); }

int move_file(const char *from, const char *to) { return rename(from, to); }

int create_file(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
}

int open_direct(const char *path) { return open(path, O_RDWR | O_DIRECT); }

void run_child(char *const argv[]) {
  execv(argv[0], argv);
  _exit(127);
}
