//===- CFGBuild.cpp - The CFG every analysis builds -----------------------===//

#include "durcheck/Analysis/CFGBuild.h"
#include "clang/AST/Decl.h"

using namespace clang;

namespace durcheck {

std::unique_ptr<CFG> buildFunctionCFG(const FunctionDecl &FD, ASTContext &Ctx) {
  if (!FD.getBody())
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  return CFG::buildCFG(&FD, FD.getBody(), &Ctx, Options);
}

} // namespace durcheck
