//===- FunctionSummaries.h - What each function of a TU does ----*- C++ -*-===//
//
// Per-function facts (which locals hold directory fds, which hold call
// results) and per-TU summaries (which functions sync a directory or a
// file's data, transitively through the calls they make).
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_FUNCTIONSUMMARIES_H
#define DURCHECK_ANALYSIS_FUNCTIONSUMMARIES_H

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace durcheck {

/// What one function body contains, found by one walk over it.
struct FunctionFacts {
  llvm::SmallVector<const clang::CallExpr *, 16> Calls;
  /// Stream constructors and the other opens that are not CallExprs.
  llvm::SmallVector<const clang::Expr *, 4> StreamOpens;
  /// Locals that hold a path naming a directory (from dirname, ".").
  llvm::SmallPtrSet<const clang::VarDecl *, 4> DirPathVars;
  /// Locals that hold an fd of a directory.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> DirFdVars;
  /// Locals that are assigned the result of a call, with the last such call
  /// in source order.
  llvm::DenseMap<const clang::VarDecl *, const clang::CallExpr *>
      CallResultVars;

  /// Whether E is an fd of a directory: a local that holds one, an open of a
  /// directory, or dirfd().
  bool isDirectoryFd(const clang::Expr *E, const model::OpenFlags &Flags,
                     const clang::ASTContext &Ctx) const;
  bool namesDirectory(const clang::Expr *Path) const;
};

FunctionFacts collectFacts(const clang::FunctionDecl &FD,
                           const model::OpenFlags &Flags,
                           const clang::ASTContext &Ctx);

/// The helpers a project declares to sync a directory: by name, and by a
/// name pattern for those whose body the analysis cannot see.
struct DirSyncPolicy {
  std::vector<std::string> Functions;
  llvm::Regex Pattern;

  bool trusts(const clang::FunctionDecl &Callee) const;
  /// Drops what was judged, whose keys die with the TU's AST.
  void forgetCallees() { Trusted.clear(); }

private:
  bool judge(const clang::FunctionDecl &Callee) const;
  /// Each callee is judged once per TU: matching the pattern at every call
  /// of every function cost more than the rest of the check.
  mutable llvm::DenseMap<const clang::FunctionDecl *, bool> Trusted;
};

/// The summaries of every function defined in one translation unit.
class FunctionSummaries {
public:
  FunctionSummaries(const model::OpenFlags &Flags, const DirSyncPolicy &Policy,
                    const clang::ASTContext &Ctx)
      : Flags(Flags), Policy(Policy), Ctx(Ctx) {}

  /// Records a function definition; call finalize() after the last one.
  void add(const clang::FunctionDecl &FD);
  /// Propagates the summaries through the calls until nothing changes.
  void finalize();

  const FunctionFacts *facts(const clang::FunctionDecl &FD) const;
  bool syncsData(const clang::FunctionDecl &FD) const;
  bool syncsDirectory(const clang::FunctionDecl &FD) const;
  /// Makes isDirectorySync treat calls of Callee as directory syncs, to ask
  /// whether a function another TU defines would discharge a finding; null
  /// withdraws the assumption.
  void assumeSyncsDirectory(const clang::FunctionDecl *Callee) {
    Assumed = Callee ? Callee->getCanonicalDecl() : nullptr;
  }

  /// Whether the call, made in a function with these facts, syncs a
  /// directory: fsync of a directory fd, sync/syncfs, a trusted helper, or a
  /// function of this TU whose summary says so.
  bool isDirectorySync(const clang::CallExpr &Call,
                       const FunctionFacts &Facts) const;

private:
  struct Summary {
    FunctionFacts Facts;
    llvm::SmallVector<const clang::FunctionDecl *, 8> Callees;
    bool SyncsDirectory = false;
    bool SyncsData = false;
  };
  const Summary *lookup(const clang::FunctionDecl *FD) const;

  const model::OpenFlags &Flags;
  const DirSyncPolicy &Policy;
  const clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Summaries;
  const clang::FunctionDecl *Assumed = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_FUNCTIONSUMMARIES_H
