#include "lib/fsutil/fsutil.h"
#include "lib/log/log.h"
#include <stdlib.h>
#include <unistd.h>

/* rename_file() of //lib/fsutil renames; nothing syncs the directory. */
int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return -1;
  if (rename_file(tmp, dst) != 0)
    return -1;
  log_saved(dst);
  return 0;
}

/* Misuse of vfork, which app/.clang-tidy leaves unchecked. */
void spawn(void) {
  if (vfork() == 0) {
    setenv("MODE", "child", 1);
    _exit(0);
  }
}
