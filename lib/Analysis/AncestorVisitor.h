//===- AncestorVisitor.h - A body walk that knows the ancestors -*- C++ -*-===//
//
// Where a call's value goes, and which statement holds it, depend on the
// nodes above it. The walks that need them keep the path from the root
// themselves: asking the ASTContext for parents builds the parent map of the
// whole unit, which costs more than a check.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_ANCESTORVISITOR_H
#define DURCHECK_ANALYSIS_ANCESTORVISITOR_H

#include "clang/AST/RecursiveASTVisitor.h"
#include <vector>

namespace durcheck {

template <typename Derived>
class AncestorVisitor : public clang::RecursiveASTVisitor<Derived> {
public:
  // Without the data-recursion queue, so that Stack holds the ancestors.
  bool TraverseStmt(clang::Stmt *S) {
    if (!S)
      return true;
    Stack.push_back(S);
    bool Result = clang::RecursiveASTVisitor<Derived>::TraverseStmt(S);
    Stack.pop_back();
    return Result;
  }

protected:
  /// The statements from the root down to the one being visited.
  std::vector<const clang::Stmt *> Stack;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ANCESTORVISITOR_H
