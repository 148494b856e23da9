//===- MixedReport.h - What a mixed-I/O finding says ------------*- C++ -*-===//
//
// The text of the mixed-I/O check's findings, made from plain data: the
// check reports its unit's findings with it, and its join the findings
// whose opens are in several units, in the same words.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CHECKS_MIXEDREPORT_H
#define DURCHECK_CHECKS_MIXEDREPORT_H

#include "durcheck/Analysis/OpenSummaries.h"

namespace durcheck::mixed {

/// A warning or note of a finding, in its unit's file table.
struct ReportedMessage {
  unsigned Unit = 0;
  crosstu::Loc At;
  std::string Text;
  /// The edit of the buffered open, in the file table of FixUnit.
  std::optional<crosstu::UnitEdit> Fix;
  unsigned FixUnit = 0;
};

struct ReportedMixed {
  ReportedMessage Warning;
  std::vector<ReportedMessage> Notes;
  /// Whether a warning at its place reaches the report.
  bool Reportable = true;
};

/// The warning at the buffered open, notes down its wrappers to the open
/// they make, the note at the direct open with the fix that adds O_DIRECT
/// to the buffered one, and notes down the direct open's wrappers.
ReportedMixed reportMixed(const Program &P, const MixedFinding &F);

} // namespace durcheck::mixed

#endif // DURCHECK_CHECKS_MIXEDREPORT_H
