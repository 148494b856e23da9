//===- Locations.h - Source locations as a unit's file table -----*- C++
//-*-===//

#ifndef DURCHECK_CROSSTU_LOCATIONS_H
#define DURCHECK_CROSSTU_LOCATIONS_H

#include "durcheck/CrossTU/Sink.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace durcheck::crosstu {

/// Maps the locations of a check's findings to places in the unit's file
/// table -- the sink's under the driver, a table of its own under
/// clang-tidy -- and back, so that a finding computed over plain data can be
/// reported in the unit.
class Locations {
public:
  Locations(const clang::SourceManager &SM, UnitSink *Sink)
      : SM(SM), Sink(Sink) {}

  Loc locate(clang::SourceLocation L);
  /// A place locate() gave, as a location of this unit.
  clang::SourceLocation toSource(Loc L) const;
  /// Edits at places locate() gave, as fix-it hints; the others are left
  /// out.
  std::vector<clang::FixItHint> hints(llvm::ArrayRef<UnitEdit> Edits) const;

private:
  const clang::SourceManager &SM;
  UnitSink *Sink;
  std::vector<clang::FileID> Own;
  llvm::DenseMap<unsigned, clang::FileID> Files;
};

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_LOCATIONS_H
