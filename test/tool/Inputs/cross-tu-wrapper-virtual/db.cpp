#include "env.h"

/* LevelDB's SetCurrentFile: no directory sync follows the rename. */
int SetCurrentFile(Env *env, const std::string &dbname,
                   const std::string &manifest) {
  std::string tmp = dbname + "/000001.dbtmp";
  if (env->WriteFileSync(tmp, manifest + "\n") != 0)
    return -1;
  return env->RenameFile(tmp, dbname + "/CURRENT");
}
