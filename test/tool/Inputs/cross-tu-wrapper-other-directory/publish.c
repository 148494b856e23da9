#include "dirs.h"
#include <stdio.h>
#include <unistd.h>

int submit(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("spool/job.tmp", "spool/job") != 0)
    return -1;
  return persist_folder("queue");
}

int submit_right(int fd) {
  if (fsync(fd) != 0)
    return -1;
  if (rename("spool/job.tmp", "spool/job") != 0)
    return -1;
  return persist_folder("spool");
}
