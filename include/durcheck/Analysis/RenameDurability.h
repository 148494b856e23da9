//===- RenameDurability.h - Renames that leave without a dir sync -*- C++ -*-//
//
// A forward dataflow over a function's CFG. Its state is the set of calls
// that owe a directory sync -- renames, or calls to functions that leave a
// rename unsynced -- made on the path so far with no sync after them; a set
// bit that reaches the exit is a directory change a crash can undo.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEDURABILITY_H
#define DURCHECK_ANALYSIS_RENAMEDURABILITY_H

#include "durcheck/Analysis/FunctionSummaries.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace durcheck {

/// How a path with a pending obligation leaves the function.
enum class LeaveKind { Return, EndOfBody };

/// A call after which some path leaves the function with no directory sync.
struct UnsyncedCall {
  const clang::CallExpr *Call;
  LeaveKind Leave;
  clang::SourceLocation LeaveLoc;
};

class RenameDurabilityHandler {
public:
  virtual ~RenameDurabilityHandler();
  virtual void handleUnsyncedCall(const UnsyncedCall &Finding) = 0;
};

/// Reports, in source order, each call of FD for which OwesSync holds and
/// after which some path reaches the end of FD with no directory sync. Paths
/// on which a call's result was tested as a failure are error paths and owe
/// no sync.
void runRenameDurabilityAnalysis(
    const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
    const FunctionSummaries &Summaries,
    llvm::function_ref<bool(const clang::CallExpr &)> OwesSync,
    RenameDurabilityHandler &Handler);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_RENAMEDURABILITY_H
