//===- MixedOpens.h - Files opened both direct and buffered -----*- C++ -*-===//
//
// The join of the mixed-I/O check. Its input is plain data, one fact per
// open, so the standalone driver can join the facts of many translation
// units the same way the check joins those of one.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_MIXEDOPENS_H
#define DURCHECK_ANALYSIS_MIXEDOPENS_H

#include "durcheck/CrossTU/Sink.h"
#include "durcheck/Model/PathKey.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

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
  /// Whether the open may read the file.
  bool Reads = true;
};

/// How a direct open became direct, which its note says.
enum class DirectHow { Opened, MaybeOpened, SetByFcntl };

/// A buffered open and the direct open of the same file it is reported
/// with, as indexes into the facts.
struct MixedOpen {
  size_t Buffered;
  size_t Direct;
};

/// Pairs every buffered open (every reading one with IgnoreWriteOnly) with
/// a direct open of the same key: the first Direct one in the order given,
/// else the first MaybeDirect one. The result is in the order of the
/// buffered opens.
std::vector<MixedOpen> findMixedOpens(llvm::ArrayRef<OpenFact> Facts,
                                      bool IgnoreWriteOnly);

/// An open whose file other units may open too: a direct one, or a buffered
/// one its own unit found no direct partner for.
struct MixedOpenSite {
  OpenFact Fact;
  /// Where a finding or note at the open goes.
  crosstu::Loc At;
  /// The path as the messages spell it.
  std::string Spelling;
  DirectHow How = DirectHow::Opened;
  /// For a buffered open: whether it is an open() that takes flags, whether
  /// a warning there reaches the report, and the edit that adds O_DIRECT.
  bool FdOpen = true;
  bool Reportable = true;
  std::optional<crosstu::UnitEdit> AddDirect;
};

/// What the mixed-I/O check of one unit leaves for the join.
struct MixedUnitOpens {
  std::vector<MixedOpenSite> Sites;
};

llvm::json::Value toJSON(const MixedUnitOpens &U);
bool fromJSON(const llvm::json::Value &V, MixedUnitOpens &U,
              llvm::json::Path P);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_MIXEDOPENS_H
