//===- MixedOpens.h - Files opened both direct and buffered -----*- C++ -*-===//
//
// The join of the mixed-I/O check. Its input is plain data, one fact per
// open, so the standalone driver can join the facts of many translation
// units the same way the check joins those of one.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_MIXEDOPENS_H
#define DURCHECK_ANALYSIS_MIXEDOPENS_H

#include "durcheck/Model/PathKey.h"
#include "llvm/ADT/ArrayRef.h"
#include <cstddef>
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

/// The note at the direct partner of a buffered open. FdOpen says whether
/// the buffered open is an open() whose flags can take O_DIRECT.
std::string directPartnerNote(llvm::StringRef Spelling, DirectHow How,
                              bool FdOpen);

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

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_MIXEDOPENS_H
