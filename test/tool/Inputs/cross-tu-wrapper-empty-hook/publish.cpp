#include "hooks.h"
#include <cstdio>
#include <unistd.h>

int Publish(Hooks *hooks, int fd, const std::string &tmp,
            const std::string &dst) {
  if (fsync(fd) != 0)
    return -1;
  if (std::rename(tmp.c_str(), dst.c_str()) != 0)
    return -1;
  hooks->AfterRename(dst);
  return 0;
}

int PublishSynced(SyncHooks *hooks, int fd, const std::string &tmp,
                  const std::string &dst) {
  if (fsync(fd) != 0)
    return -1;
  if (std::rename(tmp.c_str(), dst.c_str()) != 0)
    return -1;
  hooks->AfterRename(dst);
  return 0;
}
