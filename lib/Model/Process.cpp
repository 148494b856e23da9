//===- Process.cpp - What the process-creation calls mean -----------------===//

#include "durcheck/Model/Process.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace durcheck::model {

llvm::ArrayRef<llvm::StringRef> vforkNames() {
  static constexpr llvm::StringRef Names[] = {"vfork", "__vfork"};
  return Names;
}

bool isVforkCall(const CallExpr &Call) {
  return llvm::is_contained(vforkNames(), calleeName(&Call));
}

bool returnsChildPid(const CallExpr &Call) {
  return isVforkCall(Call) ||
         llvm::is_contained({"fork", "_Fork", "clone"}, calleeName(&Call));
}

llvm::ArrayRef<llvm::StringRef> execNames() {
  static constexpr llvm::StringRef Names[] = {"execl",   "execle",  "execlp",
                                              "execv",   "execve",  "execvp",
                                              "execvpe", "fexecve", "execveat"};
  return Names;
}

bool isExecCall(const CallExpr &Call) {
  return llvm::is_contained(execNames(), calleeName(&Call));
}

bool isImmediateExitCall(const CallExpr &Call) {
  std::string Name = calleeName(&Call);
  return Name == "_exit" || Name == "_Exit" || Name == "std::_Exit";
}

bool isExitCall(const CallExpr &Call) {
  std::string Name = calleeName(&Call);
  return Name == "exit" || Name == "std::exit";
}

bool isInertCall(const CallExpr &Call, const ASTContext &Ctx) {
  // glibc and musl, the BSDs and macOS, Solaris, newlib and bionic.
  if (llvm::is_contained({"__errno_location", "__error", "___errno", "__errno"},
                         calleeName(&Call)))
    return true;
  // A library builtin such as strlen is a real call; __builtin_expect and
  // its kind, marked const, only compute a value from their operands.
  unsigned ID = Call.getBuiltinCallee();
  return ID != 0 && !Ctx.BuiltinInfo.isLibFunction(ID) &&
         Ctx.BuiltinInfo.isConst(ID);
}

} // namespace durcheck::model
