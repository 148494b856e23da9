#include "env.h"
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

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
} // namespace

Env *DefaultEnv() {
  static PosixEnv env;
  return &env;
}
