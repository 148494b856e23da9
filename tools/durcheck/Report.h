//===- Report.h - The findings of a run and their output formats -*- C++
//-*-===//

#ifndef DURCHECK_TOOLS_REPORT_H
#define DURCHECK_TOOLS_REPORT_H

#include "EntryFilter.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <map>
#include <string>
#include <vector>

namespace durcheck {

/// A translation unit that was not analysed, and why.
struct UnitFailure {
  std::string File;
  std::string Reason;
};

/// Everything a run found, in the order it is printed: findings sorted by
/// file, offset, check and message, failures by file.
struct Report {
  std::vector<clang::tidy::ClangTidyError> Findings;
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

/// SARIF 2.1.0, with URIs relative to SourceRoot.
std::string renderSarif(const Report &R, llvm::StringRef SourceRoot);

/// The line the run ends with on stderr.
std::string renderSummary(const Report &R);

} // namespace durcheck

#endif // DURCHECK_TOOLS_REPORT_H
