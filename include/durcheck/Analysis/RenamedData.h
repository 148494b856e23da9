//===- RenamedData.h - Data renamed into place before it is synced -*- C++ -*-//
//
// A file written and then renamed over its destination must have its data
// fsynced in between, or a crash can leave the destination empty or torn
// (the ext4 delayed-allocation reports of 2009, ALICE). This analysis
// follows, in one function, each file the function opens by path: which
// handle holds it (an fd, a FILE *, a std::ofstream), whether its data was
// written and not yet synced, and whether stdio still buffers some of it,
// up to a rename of that path.
//
// Helpers count by summary: a function of the unit that syncs, or writes,
// the fd, FILE * or path it is handed, to a fixpoint over the unit.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEDDATA_H
#define DURCHECK_ANALYSIS_RENAMEDDATA_H

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace durcheck {

/// Which parameters a function syncs and writes: an fd, a FILE *, or a path
/// it opens and syncs.
struct DataSyncSummary {
  std::vector<unsigned> Syncs;
  std::vector<unsigned> Writes;
  /// Parameters handed to a callee without a body in the unit, which
  /// another unit may show to sync them: (callee, its argument, the
  /// parameter).
  std::vector<std::tuple<const clang::FunctionDecl *, unsigned, unsigned>>
      Forwards;
  bool operator==(const DataSyncSummary &O) const {
    return Syncs == O.Syncs && Writes == O.Writes && Forwards == O.Forwards;
  }
};

/// What counts as a sync or a write beyond the C library's calls.
class DataSyncPolicy {
public:
  /// Functions that sync the file their first argument names, by plain or
  /// qualified name (the DataSyncFunctions option).
  std::vector<std::string> SyncFunctions;
  /// Functions that write to the fd or FILE * of their first argument (the
  /// FileWriteFunctions option).
  std::vector<std::string> WriteFunctions;

  /// Summarises the unit's definitions, bottom-up to a fixpoint.
  void summarise(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
                 clang::ASTContext &Ctx);
  /// The summary of a definition of the unit; null for one without a body.
  const DataSyncSummary *summaryOf(const clang::FunctionDecl &F) const;
  bool syncsArg(const clang::FunctionDecl &Callee, unsigned Arg) const;
  bool writesArg(const clang::FunctionDecl &Callee, unsigned Arg) const;
  /// Whether a definition summarised calls rename or one of its kin.
  bool renames(const clang::FunctionDecl &F) const;
  /// Drops the summaries, whose keys die with the unit's AST.
  void clear() {
    Summaries.clear();
    Renaming.clear();
  }

private:
  llvm::DenseMap<const clang::FunctionDecl *, DataSyncSummary> Summaries;
  llvm::DenseSet<const clang::FunctionDecl *> Renaming;
};

/// A rename of a path whose written data some path leaves unsynced.
struct RenamedUnsynced {
  enum HandleKind { Fd, Stdio, Stream };
  const clang::CallExpr *Rename = nullptr;
  const clang::Expr *Source = nullptr;
  const clang::Expr *Dest = nullptr;
  HandleKind Kind = Fd;
  /// The open of the file, and the first write to it in source order.
  const clang::Expr *Open = nullptr;
  const clang::Expr *OpenedPath = nullptr;
  const clang::Stmt *Write = nullptr;
  /// An fflush of the handle, for a FILE * that is flushed and not synced.
  const clang::CallExpr *Flush = nullptr;
  /// The close of the handle after the write and before the rename, with
  /// its ancestors from the body down, for a fix that goes before it.
  const clang::CallExpr *Close = nullptr;
  std::vector<const clang::Stmt *> CloseAncestors;
  /// Whether sync_file_range is all that the path did.
  bool OnlyRangeSynced = false;
  /// Callees without a body in the unit that the path handed the file to:
  /// (callee, argument), which another unit may show to sync it.
  std::vector<std::pair<const clang::FunctionDecl *, unsigned>> Unseen;
};

/// The findings of one definition, in source order of their renames.
std::vector<RenamedUnsynced> findRenamedUnsynced(const clang::FunctionDecl &FD,
                                                 clang::ASTContext &Ctx,
                                                 const model::OpenFlags &Flags,
                                                 const DataSyncPolicy &Policy);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_RENAMEDDATA_H
