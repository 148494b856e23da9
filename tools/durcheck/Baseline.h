//===- Baseline.h - Findings a project has accepted, by fingerprint -*- C++
//-*-===//
//
// --write-baseline records the findings of a run; --baseline then reports
// only findings it does not hold. A baseline names findings by their SARIF
// fingerprint, which does not change with line numbers, one a line,
// sorted, so that it diffs well in review.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_BASELINE_H
#define DURCHECK_TOOLS_BASELINE_H

#include "Report.h"
#include <optional>
#include <set>
#include <string>

namespace durcheck {

/// The fingerprints a baseline file holds, or nothing and Error when it
/// cannot be read or is not a baseline.
std::optional<std::set<std::string>> readBaseline(const std::string &Path,
                                                  std::string &Error);

/// A baseline of R's findings: a header line, then one line a finding --
/// file, check, fingerprint and message, tab-separated -- sorted. Files are
/// named relative to SourceRoot, as the fingerprints name them.
std::string baselineText(const Report &R, llvm::StringRef SourceRoot);

/// Moves the findings whose fingerprint Baseline holds from R.Findings to
/// R.Baseline, and counts the entries that match none.
void applyBaseline(Report &R, const std::set<std::string> &Baseline,
                   const std::string &File, bool ListUnchanged);

} // namespace durcheck

#endif // DURCHECK_TOOLS_BASELINE_H
