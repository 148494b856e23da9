#include <string>

class Env {
public:
  virtual ~Env() = default;
  virtual int WriteFileSync(const std::string &name,
                            const std::string &data) = 0;
  virtual int RenameFile(const std::string &from, const std::string &to) = 0;
};

Env *DefaultEnv();
Env *NewMemEnv();
