//===- RenameDurability.h - Renames that leave without a dir sync -*- C++ -*-//
//
// A forward dataflow over a function's CFG. Its state is the set of renames
// that happened on the path so far with no directory sync after them; a set
// bit that reaches the exit is a rename whose directory change a crash can
// undo.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEDURABILITY_H
#define DURCHECK_ANALYSIS_RENAMEDURABILITY_H

#include "durcheck/Analysis/FunctionSummaries.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/Basic/SourceLocation.h"

namespace durcheck {

/// How a path with a pending rename leaves the function.
enum class LeaveKind { Return, EndOfBody };

struct UnsyncedRename {
  model::RenameCall Rename;
  LeaveKind Leave;
  clang::SourceLocation LeaveLoc;
};

class RenameDurabilityHandler {
public:
  virtual ~RenameDurabilityHandler();
  virtual void handleUnsyncedRename(const UnsyncedRename &Finding) = 0;
};

/// Reports, in source order, each rename of FD after which some path
/// reaches the end of FD with no directory sync. Paths on which a call's
/// result was tested as a failure are error paths and owe no sync.
void runRenameDurabilityAnalysis(const clang::FunctionDecl &FD,
                                 clang::ASTContext &Ctx,
                                 const FunctionSummaries &Summaries,
                                 RenameDurabilityHandler &Handler);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_RENAMEDURABILITY_H
