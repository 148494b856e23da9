//===- Fixes.h - Applying and exporting the fixes of a run ------*- C++ -*-===//

#ifndef DURCHECK_TOOLS_FIXES_H
#define DURCHECK_TOOLS_FIXES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace durcheck {

struct FixOutcome {
  unsigned Applied = 0;
  unsigned Files = 0;
  /// Findings whose fix overlaps an earlier finding's, left unapplied.
  std::vector<std::string> Conflicts;
  /// Files that could not be read or written.
  std::vector<std::string> Errors;
};

/// Merges the fixes of all findings -- and of their notes with FixNotes --
/// across translation units, so that an edit a header gets from several
/// units is made once, then rewrites each file once, durably.
FixOutcome applyFixes(const std::vector<clang::tidy::ClangTidyError> &Findings,
                      bool FixNotes);

/// The same fixes as applyFixes, printed to OS as a unified diff instead
/// of written: files under the current directory by their relative names
/// with git's a/ and b/ prefixes, others by their absolute names. Files
/// counts the files the diff changes.
FixOutcome showFixes(const std::vector<clang::tidy::ClangTidyError> &Findings,
                     bool FixNotes, llvm::raw_ostream &OS, bool Color);

/// The YAML clang-apply-replacements reads.
std::string
exportFixes(const std::vector<clang::tidy::ClangTidyError> &Findings);

} // namespace durcheck

#endif // DURCHECK_TOOLS_FIXES_H
