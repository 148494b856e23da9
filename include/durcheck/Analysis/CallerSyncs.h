//===- CallerSyncs.h - Directory syncs made by the callers ------*- C++ -*-===//
//
// A helper that writes and renames a file may leave the directory sync to
// its caller. When every caller is in the translation unit -- the helper
// has internal linkage and its address is never taken -- and each of them
// syncs the directory after the call on every path, the helper's rename is
// durable after all.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_CALLERSYNCS_H
#define DURCHECK_ANALYSIS_CALLERSYNCS_H

#include "durcheck/Analysis/FunctionSummaries.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace durcheck {

class CallerSyncs {
public:
  /// Functions are the definitions of the TU; References are every
  /// reference to a function with internal linkage, calls included.
  CallerSyncs(clang::ASTContext &Ctx, const FunctionSummaries &Summaries,
              llvm::ArrayRef<const clang::FunctionDecl *> Functions,
              llvm::ArrayRef<const clang::DeclRefExpr *> References);

  /// Whether every path out of every caller of FD syncs a directory after
  /// the call, following callers of the same kind up to a few levels.
  bool allCallersSync(const clang::FunctionDecl &FD);

private:
  bool callersSync(const clang::FunctionDecl *FD, unsigned Depth);
  bool leavesUnsynced(const clang::FunctionDecl &Caller,
                      const clang::FunctionDecl *Callee);

  clang::ASTContext &Ctx;
  const FunctionSummaries &Summaries;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 4>>
      Callers;
  llvm::DenseSet<const clang::FunctionDecl *> AddressTaken;
  /// Answers so far; false while one is being computed, so that recursion
  /// counts as a caller that does not sync.
  llvm::DenseMap<const clang::FunctionDecl *, bool> Answers;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_CALLERSYNCS_H
