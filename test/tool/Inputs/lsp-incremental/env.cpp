#include "store.h"
#include <errno.h>

/* A virtual call whose override renames through util.c's move_file. */
namespace {
class Env {
public:
  virtual ~Env() = default;
  virtual int RenameFile(const char *from, const char *to) = 0;
};

class PosixEnv : public Env {
public:
  int RenameFile(const char *from, const char *to) override {
    return move_file(from, to);
  }
};
} // namespace

static Env *defaultEnv() {
  static PosixEnv env;
  return &env;
}

int commit(int fd, const char *tmp, const char *dst) {
  Env *env = defaultEnv();
  if (fsync(fd) != 0)
    return -1;
  if (env->RenameFile(tmp, dst) != 0)
    return -1;
  return persist_name(dst);
}

void pong(char *const argv[]) {
  execvp(argv[0], argv);
  _exit(127);
}
