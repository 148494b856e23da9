//===- RenameReport.h - What a rename finding says --------------*- C++ -*-===//
//
// The text of the rename check's findings, made from plain data: the check
// reports its unit's findings with it, and its join the findings that need
// several units, in the same words.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CHECKS_RENAMEREPORT_H
#define DURCHECK_CHECKS_RENAMEREPORT_H

#include "Checks/RenameFixIt.h"
#include "durcheck/Analysis/RenameObligations.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace durcheck::rename {

/// A warning or note of a finding, in its unit's file table.
struct ReportedMessage {
  unsigned Unit = 0;
  crosstu::Loc At;
  std::string Text;
  std::vector<crosstu::UnitEdit> Fix;
};

struct ReportedRename {
  ReportedMessage Warning;
  std::vector<ReportedMessage> Notes;
  /// Whether a warning at its place reaches the report.
  bool Reportable = true;
};

/// The edit that includes Header in a unit's file, or nullopt when the file
/// has it already or another finding's fix adds it.
using IncludeSource = llvm::function_ref<std::optional<crosstu::UnitEdit>(
    unsigned Unit, unsigned File, llvm::StringRef Header)>;

ReportedRename reportRename(const Program &P, const UnsyncedRename &F,
                            IncludeSource Includes);

} // namespace durcheck::rename

#endif // DURCHECK_CHECKS_RENAMEREPORT_H
