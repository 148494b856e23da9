#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* The directory is synced after the rename: nothing to report. */
int publish(int fd) {
  if (fsync(fd) != 0 || rename("/var/lib/app/state.tmp", "/var/lib/app/state") != 0)
    return -1;
  int dfd = open("/var/lib/app", O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}
