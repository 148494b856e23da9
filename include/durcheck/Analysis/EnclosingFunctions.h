//===- EnclosingFunctions.h - The function a location lies in ---*- C++ -*-===//
//
// Matchers can name the function around a node (forCallable), but only by
// building the parent map of the whole AST, which costs more than a check.
// A check that needs the function of a few nodes collects the definitions
// instead and asks by source range.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H
#define DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H

#include "clang/AST/Decl.h"
#include <vector>

namespace durcheck {

class EnclosingFunctions {
public:
  /// Records a definition with a body; lambdas' call operators included.
  void add(const clang::FunctionDecl *FD) { Functions.push_back(FD); }
  void clear() { Functions.clear(); }
  bool empty() const { return Functions.empty(); }

  /// The innermost recorded definitions whose body holds Loc: several for
  /// the instances of one template, which share their pattern's source
  /// range.
  std::vector<const clang::FunctionDecl *>
  at(clang::SourceLocation Loc, const clang::SourceManager &SM) const;

private:
  std::vector<const clang::FunctionDecl *> Functions;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H
