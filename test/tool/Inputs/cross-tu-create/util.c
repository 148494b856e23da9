#include "store.h"
#include <fcntl.h>

int create_file(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
}
