//===- HandleKey.cpp - Which variable holds an fd or a stream -------------===//

#include "durcheck/Analysis/HandleKey.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <cstdint>

using namespace clang;

namespace durcheck {

std::string declKey(const ValueDecl *D) {
  return "v" +
         std::to_string(reinterpret_cast<uintptr_t>(D->getCanonicalDecl()));
}

std::string handleKey(const Expr *E) {
  if (!E)
    return {};
  E = E->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return declKey(Ref->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Base = handleKey(ME->getBase());
    return Base.empty() ? Base
                        : Base + "." + ME->getMemberDecl()->getNameAsString();
  }
  return {};
}

} // namespace durcheck
