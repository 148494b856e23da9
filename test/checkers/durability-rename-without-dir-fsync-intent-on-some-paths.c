// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=gnu11

// busybox's modprobe: find_alias() creates a cache file through one helper
// only when a global flag says it has not been seen, and renames it into
// place through another. Where the flag is clear, find_alias shows the
// intent and the rename is reported at its call of the renaming helper.
// Where the flag is set, no path shows intent, but that is the same rename:
// it must not also go up to the callers, which would report it once more
// at each call of find_alias.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int cache_seen;

static int start_cache(void) {
  return open("modules.dep.bb.new", O_WRONLY | O_CREAT | O_TRUNC, 0644);
}

static void finish_cache(int fd) {
  if (write(fd, "dep\n", 4) == 4)
    rename("modules.dep.bb.new", "modules.dep.bb");
  close(fd);
}

static int find_alias(const char *alias) {
  int fd = cache_seen ? -1 : start_cache();
  int found = alias[0] == 'x';
  if (fd >= 0)
    finish_cache(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: rename to "modules.dep.bb" by 'finish_cache' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  return found;
}

// A caller that writes the cache itself shows the intent too.
int modprobe(const char *name, int reset) {
  if (reset) {
    int fd = open("modules.dep.bb", O_WRONLY | O_TRUNC);
    if (fd >= 0)
      close(fd);
  }
  if (find_alias(name))
    return 0;
  return find_alias("default");
}
