//===- ChangedLines.h - The lines a change adds, for diff mode --*- C++ -*-===//
//
// --diff-from REV and --diff FILE analyse only the units that read a
// changed file and report only the findings with a location on an added or
// changed line, as clang-tidy-diff and Chromium's tricium do: a change is
// judged by what it touches, not by the code around it.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_CHANGEDLINES_H
#define DURCHECK_TOOLS_CHANGEDLINES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// The lines a unified diff adds or changes, by file. Lines it only
/// removes mark nothing: no code is left there to report on.
class ChangedLines {
public:
  /// Parses a unified diff, with or without context lines. File names are
  /// relative to Root once git's "a/" and "b/" prefixes are dropped. Source
  /// names the diff in an error message.
  static std::optional<ChangedLines> parse(llvm::StringRef Diff,
                                           llvm::StringRef Root,
                                           llvm::StringRef Source,
                                           std::string &Error);

  /// Whether the diff changes a line of File.
  bool changes(llvm::StringRef File);
  /// Whether Line (1-based) of File is added or changed.
  bool changes(llvm::StringRef File, unsigned Line);
  /// The number of files with an added or changed line.
  size_t files() const { return Ranges.size(); }

private:
  /// File identity: the real path, so that symlinked checkouts match.
  const std::string &key(llvm::StringRef File);

  /// Half-open [first, last) line ranges by file key, in diff order.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Ranges;
  llvm::StringMap<std::string> Keys;
};

/// The text of `git diff -U0 REV` in the git repository that holds Dir,
/// and that repository's top level in Root, or nothing and a one-line
/// Error: git missing, Dir not in a repository, Rev not a commit.
std::optional<std::string> gitDiff(llvm::StringRef Rev, llvm::StringRef Dir,
                                   std::string &Root, std::string &Error);

/// Moves out of Findings those with no location -- warning or note -- on a
/// changed line, and returns how many there were.
unsigned keepChanged(std::vector<clang::tidy::ClangTidyError> &Findings,
                     ChangedLines &Changes);

} // namespace durcheck

#endif // DURCHECK_TOOLS_CHANGEDLINES_H
