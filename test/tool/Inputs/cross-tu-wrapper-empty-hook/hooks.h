#include <string>

/* The base's hook does nothing; DurableHooks' syncs the directory. */
class Hooks {
public:
  virtual ~Hooks();
  virtual void AfterRename(const std::string &path);
};

/* Every body of this hook syncs: the base only declares it. */
class SyncHooks {
public:
  virtual ~SyncHooks();
  virtual void AfterRename(const std::string &path) = 0;
};

Hooks *DurableHooks();
SyncHooks *DurableSyncHooks();
int Publish(Hooks *hooks, int fd, const std::string &tmp,
            const std::string &dst);
int PublishSynced(SyncHooks *hooks, int fd, const std::string &tmp,
                  const std::string &dst);
