//===- Report.h - The findings of a run and their output formats -*- C++
//-*-===//

#ifndef DURCHECK_TOOLS_REPORT_H
#define DURCHECK_TOOLS_REPORT_H

#include "EntryFilter.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// A translation unit that was not analysed, and why.
struct UnitFailure {
  std::string File;
  std::string Reason;
};

/// What --baseline made of a run's findings.
struct BaselineMatch {
  /// The baseline file.
  std::string File;
  /// The findings it holds, which are not reported, and their fingerprints.
  std::vector<clang::tidy::ClangTidyError> Unchanged;
  std::vector<std::string> UnchangedFingerprints;
  /// Its entries that no finding matches any more.
  unsigned Stale = 0;
  /// Whether SARIF lists the unchanged findings (baselineState
  /// "unchanged") rather than leaving them out.
  bool ListUnchanged = false;
};

/// What diff mode (--diff-from, --diff) made of a run.
struct DiffMatch {
  /// Where the changes came from: "git diff <rev>", or the diff file, "-"
  /// for stdin.
  std::string Source;
  /// Files with an added or changed line.
  unsigned ChangedFiles = 0;
  /// Units that read no changed file, and were not analysed.
  unsigned UnitsUnchanged = 0;
  /// Those of them whose cached result fed the join.
  unsigned UnitsJoined = 0;
  /// Findings with no location on a changed line, which are not reported.
  unsigned Unchanged = 0;
};

/// Everything a run found, in the order it is printed: findings sorted by
/// file, offset, check and message, failures by file.
struct Report {
  std::vector<clang::tidy::ClangTidyError> Findings;
  /// The durcheck/v1 fingerprint of each finding, in the same order.
  std::vector<std::string> Fingerprints;
  /// Set with --baseline.
  std::optional<BaselineMatch> Baseline;
  /// Set in diff mode.
  std::optional<DiffMatch> Diff;
  /// With a result cache: the units whose result came from it.
  std::optional<unsigned> CacheHits;
  std::vector<UnitFailure> Failures;
  unsigned Units = 0;
  unsigned Analysed = 0;
  /// Units whose configuration enables no durability check.
  unsigned WithoutChecks = 0;
  unsigned Duplicates = 0;
  /// Entries of the database that are not for durcheck, by file.
  std::vector<SkippedEntry> Skipped;
  double Seconds = 0;
  /// Whether note fixes count as the finding's fixes (--fix-notes).
  bool FixNotes = false;

  std::map<std::string, unsigned> findingsPerCheck() const;
  unsigned skipped(SkipKind Kind) const;
};

/// Whether a finding is reported as an error: made one by
/// --warnings-as-errors, or one of clang-tidy's own, such as an unmatched
/// NOLINTBEGIN.
bool isError(const clang::tidy::ClangTidyError &E);

/// clang-tidy's text: file:line:col: warning: message [check], with the
/// source line, a caret, fix-it hints and the notes.
std::string renderText(const Report &R, bool Color);

/// durcheck's own JSON, described in README.md.
std::string renderJson(const Report &R);

/// The durcheck/v1 fingerprint of each finding, as SARIF's
/// partialFingerprints give it: a hash of the check, the file's URI
/// relative to SourceRoot, the message and the text of the line -- not its
/// number -- and a count that tells identical ones apart. Reruns, and edits
/// elsewhere in the file, keep it.
std::vector<std::string>
fingerprints(const std::vector<clang::tidy::ClangTidyError> &Findings,
             llvm::StringRef SourceRoot);

/// SARIF 2.1.0, with URIs relative to SourceRoot; R.Fingerprints must be
/// set.
std::string renderSarif(const Report &R, llvm::StringRef SourceRoot);

/// The line the run ends with on stderr.
std::string renderSummary(const Report &R);

} // namespace durcheck

#endif // DURCHECK_TOOLS_REPORT_H
