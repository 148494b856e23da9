//===- FunctionFacts.h - What one walk over a function finds ----*- C++ -*-===//
//
// Per-function facts the checks read while they build their summaries:
// which locals hold directory fds or paths, which hold call results, and
// which helpers a project trusts to sync a directory.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_FUNCTIONFACTS_H
#define DURCHECK_ANALYSIS_FUNCTIONFACTS_H

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace durcheck {

/// The statement a call is part of, as a fix that goes after it sees it:
/// the full expression or declaration, the statement holding that, and the
/// one holding the latter.
struct CallContext {
  const clang::Stmt *Statement = nullptr;
  const clang::Stmt *Parent = nullptr;
  const clang::Stmt *GrandParent = nullptr;
};

/// A function stored where a call may later take it from: a variable or
/// field assigned `f`, `&f` or a lambda, or initialised with one.
struct FunctionStore {
  /// One of: the expression assigned to, the variable initialised, the
  /// field a constructor initialises.
  const clang::Expr *Into = nullptr;
  const clang::VarDecl *Var = nullptr;
  const clang::FieldDecl *Field = nullptr;
  const clang::FunctionDecl *Function = nullptr;
};

/// What one function body contains, found by one walk over it.
struct FunctionFacts {
  llvm::SmallVector<const clang::CallExpr *, 16> Calls;
  llvm::DenseMap<const clang::CallExpr *, CallContext> Contexts;
  /// What the body assigns, increments or takes the address of.
  llvm::SmallVector<const clang::Expr *, 8> Written;
  llvm::SmallVector<FunctionStore, 2> FunctionStores;
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
  /// Locals stored once, which nothing else writes or takes the address
  /// of: wherever they are read, they hold that store's value.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> StoredOnce;
  /// Locals that gather the outcome of steps: a bool only ever assigned
  /// true or `ok && step`. Once false, a step failed and the steps it
  /// guards are skipped: its false branch is an error path.
  llvm::SmallPtrSet<const clang::VarDecl *, 2> StatusFlags;
  /// The expressions it returns, without parentheses and implicit casts.
  llvm::SmallPtrSet<const clang::Expr *, 4> Returned;
  /// Whether the body throws.
  bool Throws = false;
  /// Whether the body holds an expression clang only recovered from.
  bool HasErrors = false;

  /// Whether E is an fd of a directory: a local that holds one, an open of a
  /// directory, or dirfd().
  bool isDirectoryFd(const clang::Expr *E, const model::OpenFlags &Flags,
                     const clang::ASTContext &Ctx) const;
  bool namesDirectory(const clang::Expr *Path) const;
};

/// The function an expression names or creates: f, &f, a lambda, or a
/// std::function made from one; null for anything else.
const clang::FunctionDecl *functionOf(const clang::Expr *E);

FunctionFacts collectFacts(const clang::FunctionDecl &FD,
                           const model::OpenFlags &Flags,
                           const clang::ASTContext &Ctx);

/// The helpers a project declares to sync a directory: by name, and by a
/// name pattern for those whose body the analysis cannot see.
struct DirSyncPolicy {
  std::vector<std::string> Functions;
  llvm::Regex Pattern;
  /// The helper the fix-its call (DirSyncFunction), one of Functions: it
  /// takes a file and syncs the directory that holds it.
  std::string Helper;
  /// Pattern matches only names that hold "sync" or "flush" in some case,
  /// as the default does: other names need not go through the regex
  /// engine, which took 1.5% of sqlite3's run for its thousands of callees.
  bool PatternNeedsSyncWord = false;

  bool trusts(const clang::FunctionDecl &Callee) const;
  /// Whether Call asks a sync function to sync a directory through a flag:
  /// a non-zero constant passed to a parameter named like `isdir`, as in
  /// PostgreSQL's `fsync_fname(path, true)`. Such a function opens the
  /// path without `O_DIRECTORY` under the flag, which no flag analysis
  /// tells from a file.
  static bool flagsDirectory(const clang::CallExpr &Call,
                             const clang::ASTContext &Ctx);
  /// Drops what was judged, whose keys die with the TU's AST.
  void forgetCallees() { Trusted.clear(); }

private:
  bool judge(const clang::FunctionDecl &Callee) const;
  /// Each callee is judged once per TU: matching the pattern at every call
  /// of every function cost more than the rest of the check.
  mutable llvm::DenseMap<const clang::FunctionDecl *, bool> Trusted;
};

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_FUNCTIONFACTS_H
