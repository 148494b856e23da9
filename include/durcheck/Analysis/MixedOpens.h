//===- MixedOpens.h - The opens of a unit, as the mixed check sees them -*-===//
//
// The opens of each function and its calls of functions that may open,
// with the files in terms of keys and parameters and the flags in terms of
// constants and parameters. Plain data, built from the AST in a unit
// (MixedOpensBuilder) and written to its result file, so that the analysis
// (OpenSummaries) runs over one unit under clang-tidy and over every unit
// in the driver's join alike.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_MIXEDOPENS_H
#define DURCHECK_ANALYSIS_MIXEDOPENS_H

#include "durcheck/Analysis/AccessPath.h"
#include "durcheck/CrossTU/Sink.h"
#include "durcheck/Model/PathKey.h"
#include "durcheck/Model/Syscalls.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace durcheck::mixed {

/// How an open treats the page cache.
enum class CacheMode {
  Buffered,
  /// O_DIRECT on every path to the open, or set later by fcntl.
  Direct,
  /// O_DIRECT on some paths only: a run-time choice such as a setting.
  MaybeDirect,
};

/// One open of a file whose mode is known.
struct OpenFact {
  model::PathKey Key;
  CacheMode Mode = CacheMode::Buffered;
  /// The open or call it is made at. Two opens of one call of a wrapper
  /// never pair: the wrapper mixes its own parameter, and is reported.
  uint64_t Site = 0;
};

/// A buffered open and the direct open of the same file it is reported
/// with, as indexes into the facts.
struct MixedOpen {
  size_t Buffered;
  size_t Direct;
};

/// Pairs every buffered open with a direct open of the same key at another
/// site: the first Direct one in the order given, else the first
/// MaybeDirect one. The result is in the order of the buffered opens.
std::vector<MixedOpen> findMixedOpens(llvm::ArrayRef<OpenFact> Facts);

/// A file as a function names it.
struct FilePath {
  /// None when nothing names it: a call's result, a buffer filled
  /// differently on the paths that reach the open.
  std::optional<model::PathKey> Key;
  /// The parameter, and the fields reached from it, that holds the file
  /// while it holds what the caller passed.
  std::optional<AccessPath> Param;
  /// The path as messages spell it there.
  std::string Spelling;
  /// Its source text, which a caller appends a callee's fields to.
  std::string Code;
};

/// An open of a file by path.
struct OpenSite {
  /// The position in the unit, in the order of its sources: the first
  /// direct open of a file is the one its buffered opens are reported with.
  unsigned Order = 0;
  crosstu::Loc At;
  /// Whether a warning at the open reaches the report (NOLINT, header
  /// filter).
  bool Reportable = true;
  FilePath Path;
  /// open(), openat() and the OpenLikeFunctions take O_* flags; fopen,
  /// creat and the streams are always buffered.
  bool TakesFlags = true;
  model::FlagSet Flags;
  /// For the opens without flags: whether it may read the file.
  bool Reads = true;
  /// The fcntl(F_SETFL) that gives its descriptor O_DIRECT.
  std::optional<crosstu::Loc> SetDirect;
  /// The edit that adds O_DIRECT to its flags.
  std::optional<crosstu::UnitEdit> AddDirect;
};

/// An argument of a call, as the callee's open of a parameter uses it.
struct CallArgument {
  FilePath Path;
  model::FlagSet Flags = model::FlagSet::unknown();
  /// The edit that adds O_DIRECT to the argument, for constant flags.
  std::optional<crosstu::UnitEdit> AddDirect;
};

/// A call of a project function, which may open a file it is given.
struct CallSite {
  unsigned Order = 0;
  crosstu::Loc At;
  bool Reportable = true;
  /// The callee's cross-TU name.
  std::string Callee;
  std::vector<CallArgument> Args;
};

struct OpenFunction {
  /// The cross-TU name; empty for the opens outside any function.
  std::string Name;
  /// The name a message gives it.
  std::string Display;
  crosstu::Loc Where;
  std::vector<OpenSite> Opens;
  std::vector<CallSite> Calls;
};

/// What the mixed-I/O check of one unit leaves for the join.
struct UnitOpens {
  std::vector<OpenFunction> Functions;
  /// The unit's IgnoreWriteOnlyOpens.
  bool IgnoreWriteOnly = false;
  /// The unit's O_DIRECT and O_WRONLY.
  uint64_t DirectBit = 040000;
  uint64_t WriteOnlyBit = 01;
};

/// The result file's form leaves out what no other unit can use: keys of
/// locals, and calls and opens left with nothing another unit can name.
llvm::json::Value toJSON(const UnitOpens &U);
bool fromJSON(const llvm::json::Value &V, UnitOpens &U, llvm::json::Path P);

} // namespace durcheck::mixed

#endif // DURCHECK_ANALYSIS_MIXEDOPENS_H
