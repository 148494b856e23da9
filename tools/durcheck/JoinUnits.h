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
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// Each unit's findings once every check has joined the units: entry I for
/// Results[I]. A unit that failed or enables no check takes no part, and
/// keeps its findings. nullopt, with the reason in Error, when a section
/// cannot be read.
std::optional<std::vector<std::vector<clang::tidy::ClangTidyError>>>
joinedFindings(llvm::ArrayRef<UnitResult> Results, std::string &Error);

/// joinedFindings, applied to the results in place.
bool applyJoin(std::vector<UnitResult> &Results, std::string &Error);

/// Sorts findings by file, offset, check and message, and keeps one of
/// each: a header's finding comes from every unit that includes it. Ties
/// keep their order, so the copy kept is the first given.
void sortFindings(std::vector<clang::tidy::ClangTidyError> &Findings);

} // namespace durcheck

#endif // DURCHECK_TOOLS_JOINUNITS_H
