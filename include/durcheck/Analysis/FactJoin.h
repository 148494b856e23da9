//===- FactJoin.h - Findings that need more than one TU ---------*- C++ -*-===//
//
// After the driver has run every translation unit, the join reads the facts
// of all of them and decides which findings a single TU got wrong: a rename
// followed by a helper that another TU shows to sync the directory, a vfork
// child calling a wrapper that another TU shows to only exec, and a buffered
// open whose direct partner is in another TU.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_FACTJOIN_H
#define DURCHECK_ANALYSIS_FACTJOIN_H

#include "durcheck/Facts.h"
#include "llvm/ADT/ArrayRef.h"
#include <map>
#include <set>

namespace durcheck {

/// A note the join adds to a finding, with the fix the note carries.
struct JoinedNote {
  std::string File;
  unsigned Offset = 0;
  std::string Message;
  std::optional<clang::tooling::Replacement> Fix;
};

struct JoinResult {
  /// Findings that do not hold once every TU is known.
  std::set<FindingKey> Dropped;
  /// Candidate findings the join confirms, with the note each one gains.
  std::map<FindingKey, JoinedNote> Confirmed;
};

/// Joins the facts of every TU of a run, given in a fixed order so that the
/// result does not depend on the order the TUs finished in. File names in
/// the facts must already be absolute.
JoinResult joinFacts(llvm::ArrayRef<TranslationUnitFacts> Units);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_FACTJOIN_H
