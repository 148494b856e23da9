//===- FixDiff.h - What fixes do to the lines of a file ---------*- C++ -*-===//
//
// The fixes of a finding are byte replacements; people read them as lines
// taken out and put in. This turns replacements into line changes, and
// prints them as a unified diff (--show-fixes) or under a finding in the
// text report, with the line numbers the file has now.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_FIXDIFF_H
#define DURCHECK_TOOLS_FIXDIFF_H

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace durcheck {

/// The lines Old, from the 1-based line OldStart on, become the lines New.
/// Every line keeps its line break; the last one of a file may have none.
/// With Old empty, New goes in before line OldStart.
struct LineChange {
  unsigned OldStart = 1;
  std::vector<llvm::StringRef> Old;
  std::vector<std::string> New;
};

/// The line changes Reps make to Text, in order, without the lines they
/// leave as they were.
std::vector<LineChange> lineChanges(llvm::StringRef Text,
                                    const clang::tooling::Replacements &Reps);

/// A unified diff of what Reps do to Text, with three lines of context, as
/// diff -u and git print it; empty when they change nothing.
std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName,
                        llvm::StringRef Text,
                        const clang::tooling::Replacements &Reps);

/// What Reps do to Text as the text report shows it below a finding: a
/// line of context around each change, lines of Text by their number with
/// '|' (kept) or '-' (taken out), lines put in with '+' and no number.
void printLineChanges(llvm::raw_ostream &OS, llvm::StringRef Text,
                      const clang::tooling::Replacements &Reps, bool Color);

} // namespace durcheck

#endif // DURCHECK_TOOLS_FIXDIFF_H
