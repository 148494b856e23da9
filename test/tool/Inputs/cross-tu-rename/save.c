#include "util.h"
#include <stdio.h>
#include <unistd.h>

/* The directory sync is in util.c: only the driver can see it. */
int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  return persist_name(dst);
}

/* Two translation units away: chain.c calls util.c. */
int save_via(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  return persist_name_via(dst);
}

/* The helper after this rename only logs: the finding stays. */
int save_logged(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  log_done(dst);
  return 0;
}

/* Only one branch syncs; the other path still leaves unsynced. */
int save_maybe(int fd, const char *tmp, const char *dst, int quick) {
  if (fsync(fd) != 0)
    return -1;
  if (rename(tmp, dst) != 0)
    return -1;
  if (quick)
    return 0;
  return persist_name(dst);
}
