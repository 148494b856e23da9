//===- ResultFile.h - Per-unit result files and facts directories -*- C++ -*-//
//
// A unit's result -- its findings before the join and what its checks left
// for the join -- as a self-contained, versioned file, and a directory of
// them with a manifest. `durcheck --facts-dir DIR` writes one; `durcheck
// --join DIR...` reads one or more and reports as the run that wrote them,
// without parsing any source. The format is documented in README.md.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_RESULTFILE_H
#define DURCHECK_TOOLS_RESULTFILE_H

#include "CompileDatabase.h"
#include "TidyRunner.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// The version of the formats below; a file of any other is refused.
constexpr int ResultFormatVersion = 5;

/// A run's manifest: which units of which work list a directory holds.
struct FactsManifest {
  /// Identifies the work list: the same compile database and selection give
  /// the same value.
  std::string WorkList;
  /// Shard K of N; 1 of 1 for a whole run.
  unsigned Shard = 1;
  unsigned Shards = 1;
  /// The units of the whole work list, and the duplicates dropped from it.
  unsigned Units = 0;
  unsigned Duplicates = 0;
  /// The positions, in the work list, of the units this directory holds.
  std::vector<unsigned> Indexes;
  /// The database entries the work list passed over, for the summary.
  std::vector<SkippedEntry> Skipped;
};

/// The identity of a work list, for FactsManifest::WorkList.
std::string workListIdentity(const WorkList &Work);

/// One unit's result file. A relocatable one holds the paths below the
/// unit's build directory relative to it, and "." for the directory, so
/// that it is the same bytes wherever the build tree lies -- a Bazel
/// sandbox, a remote executor; --join reads such paths as relative to its
/// current directory.
std::string writeUnitResult(const UnitResult &R, bool Relocatable = false);
/// Reads a unit's result file; nullopt, with the reason in Error, for one
/// that is truncated, damaged, foreign, or of another version.
std::optional<UnitResult> readUnitResult(llvm::StringRef Text,
                                         std::string &Error);

/// Writes a run's results into Dir durably, the manifest last, and removes
/// result files an earlier run left there. Returns why it failed, or "".
std::string writeFactsDirectory(llvm::StringRef Dir,
                                const FactsManifest &Manifest,
                                llvm::ArrayRef<UnitResult> Results);

/// Reads the directories of one run -- one, or one per shard -- and returns
/// every unit's result in the order of the work list, with the merged
/// manifest; nullopt with a one-line reason when one is missing,
/// incomplete, of another version or of another run.
std::optional<std::vector<UnitResult>>
readFactsDirectories(llvm::ArrayRef<std::string> Dirs, FactsManifest &Manifest,
                     unsigned JobCount, std::string &Error);

/// What --join reports on: the directories of one run, as
/// readFactsDirectories reads them, or else result files that
/// --result-file wrote, each a unit of its own, in the order given.
std::optional<std::vector<UnitResult>>
readJoinInputs(llvm::ArrayRef<std::string> Inputs, FactsManifest &Manifest,
               unsigned JobCount, std::string &Error);

} // namespace durcheck

#endif // DURCHECK_TOOLS_RESULTFILE_H
