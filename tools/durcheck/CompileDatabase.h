//===- CompileDatabase.h - Which translation units a run analyses -*- C++
//-*-===//

#ifndef DURCHECK_TOOLS_COMPILEDATABASE_H
#define DURCHECK_TOOLS_COMPILEDATABASE_H

#include "EntryFilter.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// What the command line says to analyse.
struct WorkRequest {
  /// -p: a build directory or a compile_commands.json.
  std::string BuildPath;
  /// Files, or regexes over the database's file names.
  std::vector<std::string> Selectors;
  std::vector<std::string> Excludes;
  /// The compiler arguments after "--", when given.
  std::optional<std::vector<std::string>> FixedArgs;
};

struct WorkList {
  /// One command per translation unit, with absolute file and directory,
  /// sorted by file, directory and command, whatever the database's order.
  std::vector<clang::tooling::CompileCommand> Units;
  /// The database they came from, or empty for "--" compile flags.
  std::string DatabasePath;
  /// Entries dropped because an earlier one compiles the same file the
  /// same way.
  unsigned Duplicates = 0;
  /// Selected entries that are not analysed, by file.
  std::vector<SkippedEntry> Skipped;
};

/// Builds the work list, or returns an error message for a usage or input
/// error that stops the run. A header named on the command line that has
/// no entry gets a command inferred from the database, as clangd does.
std::optional<WorkList> selectWork(const WorkRequest &Request,
                                   std::string &Error);

/// Path made absolute against Base, or the current directory when Base is
/// empty, without "." and ".." components; an empty path stays empty.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

/// Why a translation unit's main file cannot be parsed -- missing,
/// unreadable, not a regular file, binary -- or an empty string.
std::string inspectSource(llvm::StringRef File);

} // namespace durcheck

#endif // DURCHECK_TOOLS_COMPILEDATABASE_H
