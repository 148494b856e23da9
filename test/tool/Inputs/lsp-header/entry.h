#include <fcntl.h>
#include <libgen.h>
#include <unistd.h>

/* Makes the directory entry of path durable; path is a scratch copy. */
static inline int record_entry(char *path) {
  int dfd = open(dirname(path), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}
