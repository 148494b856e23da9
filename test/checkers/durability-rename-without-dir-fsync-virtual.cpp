// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// LevelDB's SetCurrentFile: a temp file is written and synced through a
// virtual Env, then renamed with env->RenameFile. A virtual call takes the
// summaries of the overrides the program defines: PosixEnv's renames, the
// in-memory one does not, and one override that leaves the rename unsynced
// is enough for a finding. An Env whose every override syncs is silent. A
// hook whose base body does nothing does not sync, whatever its overrides
// do; a pure virtual one has no body to run.

#include <cstdio>
#include <fcntl.h>
#include <map>
#include <string>
#include <unistd.h>

class Env {
public:
  virtual ~Env() = default;
  virtual int WriteFileSync(const std::string &name, const std::string &data) = 0;
  virtual int RenameFile(const std::string &from, const std::string &to) = 0;
};

namespace {
class PosixEnv : public Env {
public:
  int WriteFileSync(const std::string &name, const std::string &data) override {
    int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
      return -1;
    if (::write(fd, data.data(), data.size()) < 0 || ::fsync(fd) != 0) {
      ::close(fd);
      return -1;
    }
    return ::close(fd);
  }
  int RenameFile(const std::string &from, const std::string &to) override {
    return std::rename(from.c_str(), to.c_str());
  }
};

class MemEnv : public Env {
public:
  int WriteFileSync(const std::string &name, const std::string &data) override {
    files_[name] = data;
    return 0;
  }
  int RenameFile(const std::string &from, const std::string &to) override {
    files_[to] = files_[from];
    files_.erase(from);
    return 0;
  }

private:
  std::map<std::string, std::string> files_;
};
} // namespace

int SetCurrentFile(Env *env, const std::string &dbname,
                   const std::string &manifest) {
  std::string tmp = dbname + "/000001.dbtmp";
  if (env->WriteFileSync(tmp, manifest + "\n") != 0)
    return -1;
  const std::string current = dbname + "/CURRENT";
  if (env->RenameFile(tmp, current) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'current' by 'env->RenameFile' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(current).parent_path();{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :38:12: note: 'PosixEnv::RenameFile' renames 'from.c_str()' to 'to.c_str()' here
  return 0;
}

Env *DefaultEnv() {
  static PosixEnv env;
  return &env;
}
Env *NewMemEnv() { return new MemEnv; }

// Negative: every override of this Env syncs the directory.
class SyncedEnv {
public:
  virtual ~SyncedEnv() = default;
  virtual int Commit(const std::string &from, const std::string &to) = 0;
};

class PosixSyncedEnv final : public SyncedEnv {
public:
  int Commit(const std::string &from, const std::string &to) override {
    if (std::rename(from.c_str(), to.c_str()) != 0)
      return -1;
    int dfd = ::open(".", O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
      return -1;
    ::fsync(dfd);
    return ::close(dfd);
  }
};

int SaveSynced(SyncedEnv *env, int fd, const std::string &tmp,
               const std::string &dst) {
  if (::fsync(fd) != 0)
    return -1;
  return env->Commit(tmp, dst);
}

static void SyncCurrentDir() {
  int dfd = ::open(".", O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return;
  ::fsync(dfd);
  ::close(dfd);
}

// A hook called after the rename: one override syncs the directory, the
// base's empty body does not.
class Hooks {
public:
  virtual ~Hooks() = default;
  virtual void AfterRename(const std::string &) {}
};

class DirSyncHooks : public Hooks {
public:
  void AfterRename(const std::string &) override { SyncCurrentDir(); }
};

int Publish(Hooks *hooks, int fd, const std::string &tmp,
            const std::string &dst) {
  if (::fsync(fd) != 0)
    return -1;
  if (std::rename(tmp.c_str(), dst.c_str()) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst.c_str()' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  hooks->AfterRename(dst);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: the function returns here without fsyncing the directory
}

// Negative: the base declares the hook and every body the program defines
// syncs.
class SyncHooks {
public:
  virtual ~SyncHooks() = default;
  virtual void AfterRename(const std::string &) = 0;
};

class DirSyncOnly final : public SyncHooks {
public:
  void AfterRename(const std::string &) override { SyncCurrentDir(); }
};

int PublishSynced(SyncHooks *hooks, int fd, const std::string &tmp,
                  const std::string &dst) {
  if (::fsync(fd) != 0)
    return -1;
  if (std::rename(tmp.c_str(), dst.c_str()) != 0)
    return -1;
  hooks->AfterRename(dst);
  return 0;
}
