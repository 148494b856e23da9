#include "env.h"
#include <map>

namespace {
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

Env *NewMemEnv() { return new MemEnv; }
