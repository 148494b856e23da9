//===- EnclosingFunctions.h - The functions of a unit -----------*- C++ -*-===//
//
// Every check collects the definitions of its unit -- functions, methods
// and lambdas, outside the system headers -- the same way, and asks which
// one a location lies in by source range: matchers can name the function
// around a node (forCallable), but only by building the parent map of the
// whole AST, which costs more than a check.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H
#define DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H

#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace durcheck {

class EnclosingFunctions {
public:
  /// Registers the matchers that find every definition and lambda outside
  /// the system headers, reported to Callback.
  static void
  registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                   clang::ast_matchers::MatchFinder::MatchCallback *Callback);

  /// Records the definition a match of those matchers found; false for a
  /// match of another matcher. Templates that were not instantiated, and
  /// definitions without a body, are passed over.
  bool collect(const clang::ast_matchers::MatchFinder::MatchResult &Result);

  void clear() {
    Functions.clear();
    Seen.clear();
  }
  bool empty() const { return Functions.empty(); }
  /// The definitions, in the order the matchers found them.
  llvm::ArrayRef<const clang::FunctionDecl *> all() const { return Functions; }

  /// The innermost recorded definitions whose body holds Loc: several for
  /// the instances of one template, which share their pattern's source
  /// range.
  std::vector<const clang::FunctionDecl *>
  at(clang::SourceLocation Loc, const clang::SourceManager &SM) const;

private:
  std::vector<const clang::FunctionDecl *> Functions;
  llvm::DenseSet<const clang::FunctionDecl *> Seen;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ENCLOSINGFUNCTIONS_H
