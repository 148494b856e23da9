//===- EntryFilter.h - Compile database entries as build tools record them ===//
//
// Real databases hold entries that are not C or C++ compiles -- assembler,
// Fortran, clang -cc1 sub-invocations that bear records -- and precompiled
// header flags whose .pch a different compiler made, or that exists only
// after a build. durcheck skips the former, counted, and drops the latter.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_ENTRYFILTER_H
#define DURCHECK_TOOLS_ENTRYFILTER_H

#include "clang/Driver/Types.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace durcheck {

/// Why a database entry is not analysed, though nothing is wrong with it.
enum class SkipKind {
  NotCOrCxx,
  Cc1WithDriverEntry,
  Cc1WithoutDriverEntry,
};
inline constexpr SkipKind AllSkipKinds[] = {SkipKind::NotCOrCxx,
                                            SkipKind::Cc1WithDriverEntry,
                                            SkipKind::Cc1WithoutDriverEntry};

struct SkippedEntry {
  std::string File;
  SkipKind Kind;
};

/// The reason as the summary line says it: "not C or C++".
llvm::StringRef describe(SkipKind Kind);
/// The reason as a JSON key: "not_c_or_cxx".
llvm::StringRef jsonKey(SkipKind Kind);

/// The language clang's driver gives File by its extension.
clang::driver::types::ID languageByExtension(llvm::StringRef File);

/// Whether durcheck analyses the entry: a driver command for a C-family
/// language, by its driver mode, its -x or else its file's extension.
bool isAnalysable(const clang::tooling::CompileCommand &Command);

/// Moves the entries that are not analysable from Commands to Skipped.
void skipEntries(std::vector<clang::tooling::CompileCommand> &Commands,
                 std::vector<SkippedEntry> &Skipped);

/// Drops precompiled-header flags -- -include-pch, its -Xclang form and
/// -Xclang -emit-pch -- and keeps clang from turning an -include into
/// -include-pch when a .pch or .gch lies beside the header: the header is
/// included as it was, its precompiled form is not read.
void dropPrecompiledHeaders(clang::tooling::CompileCommand &Command);

} // namespace durcheck

#endif // DURCHECK_TOOLS_ENTRYFILTER_H
