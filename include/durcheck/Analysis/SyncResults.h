//===- SyncResults.h - Whether a sync's failure is acted on -----*- C++ -*-===//
//
// fsync and its kin are the only calls that tell a program its data did not
// reach the disk. This analysis follows each of their results in one
// function: dropped on the floor, stored and then lost before any read, or
// read as a failure that the function then answers by syncing the same fd
// again -- which succeeds, since Linux reports a writeback error once and
// marks the pages clean.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_SYNCRESULTS_H
#define DURCHECK_ANALYSIS_SYNCRESULTS_H

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <string>
#include <vector>

namespace durcheck {

/// Which calls report durability, beyond fsync, fdatasync, and
/// sync_file_range and msync when they wait for the writeback.
struct SyncPolicy {
  /// Project functions whose first argument is the fd they sync, by plain
  /// or qualified name.
  std::vector<std::string> ExtraFunctions;
  /// Whether close() of a file the function opens, writes and does not
  /// fsync is one: the last chance to hear of a write error (NFS, quotas).
  bool CheckClose = false;
};

struct SyncFinding {
  enum KindType {
    /// The call's value is discarded.
    Ignored,
    /// The value stored in Var is assigned again before any read; Other is
    /// where.
    Overwritten,
    /// The value stored in Var is not read on some path to the end of the
    /// function.
    NeverRead,
    /// Call syncs the fd again on a path where the sync at Other failed.
    Retried,
  };
  KindType Kind = Ignored;
  const clang::CallExpr *Call = nullptr;
  clang::SourceLocation Other;
  const clang::VarDecl *Var = nullptr;
  /// Whether Call is a close() that stands in for a sync.
  bool IsClose = false;
};

/// The names of the callees whose calls the analysis follows: a function
/// that calls none of them has no finding, and need not be analysed.
std::vector<std::string> followedCallees(const SyncPolicy &Policy);

/// The findings of one function definition, in source order of their
/// calls. Flags decodes msync's MS_SYNC.
std::vector<SyncFinding> findUncheckedSyncs(const clang::FunctionDecl &FD,
                                            clang::ASTContext &Ctx,
                                            const model::OpenFlags &Flags,
                                            const SyncPolicy &Policy);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_SYNCRESULTS_H
