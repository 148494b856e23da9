#include "hooks.h"
#include <fcntl.h>
#include <unistd.h>

static void syncCurrentDir() {
  int dfd = open(".", O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return;
  fsync(dfd);
  close(dfd);
}

namespace {
class DirSyncHooks : public Hooks {
public:
  void AfterRename(const std::string &) override { syncCurrentDir(); }
};

class DirSyncOnly final : public SyncHooks {
public:
  void AfterRename(const std::string &) override { syncCurrentDir(); }
};
} // namespace

Hooks *DurableHooks() { return new DirSyncHooks; }
SyncHooks *DurableSyncHooks() { return new DirSyncOnly; }
