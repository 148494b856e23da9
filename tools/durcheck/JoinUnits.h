//===- JoinUnits.h - The cross-TU join over units' results ------*- C++ -*-===//
//
// The driver and the language server both join the results of their units:
// every check's join runs over the sections the units left, and its
// verdicts drop or add findings, in the units the verdicts name.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_JOINUNITS_H
#define DURCHECK_TOOLS_JOINUNITS_H

#include "TidyRunner.h"
#include "durcheck/CrossTU/Join.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

using UnitFindings = std::vector<std::vector<clang::tidy::ClangTidyError>>;

/// The join of the same units, run again as some of them change: each run
/// costs what the changed units change.
class UnitJoin {
public:
  /// Keep: whether it is run again (JoinSession's).
  explicit UnitJoin(bool Keep = true) : Session(Keep) {}

  /// Each unit's findings once every check has joined the units: entry I
  /// for Results[I]. Changed[I] is false when Results[I] is what the last
  /// run had; the first run takes every unit. A unit that failed or enables
  /// no check takes no part, and keeps its findings. nullopt, with the
  /// reason in Error, when a section cannot be read.
  std::optional<UnitFindings> findings(llvm::ArrayRef<UnitResult> Results,
                                       const std::vector<bool> &Changed,
                                       std::string &Error);

private:
  crosstu::JoinSession Session;
  /// Per unit, its own findings as a join compares them.
  std::vector<std::vector<crosstu::Finding>> Found;
};

/// The findings of every unit after one join: UnitJoin's, run once, for a
/// process that ends soon after. As clang's -disable-free, the join's
/// state is left to the end of the process rather than freed value by
/// value.
std::optional<UnitFindings> joinedFindings(llvm::ArrayRef<UnitResult> Results,
                                           std::string &Error);

/// joinedFindings, applied to the results in place.
bool applyJoin(std::vector<UnitResult> &Results, std::string &Error);

/// Sorts findings by file, offset, check and message, and keeps one of
/// each: a header's finding comes from every unit that includes it. Ties
/// keep their order, so the copy kept is the first given.
void sortFindings(std::vector<clang::tidy::ClangTidyError> &Findings);

} // namespace durcheck

#endif // DURCHECK_TOOLS_JOINUNITS_H
