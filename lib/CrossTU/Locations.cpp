//===- Locations.cpp - Source locations as a unit's file table ------------===//

#include "durcheck/CrossTU/Locations.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace durcheck::crosstu {

Loc Locations::locate(SourceLocation L) {
  SourceLocation FileLoc = SM.getFileLoc(L);
  auto [ID, Offset] = SM.getDecomposedLoc(FileLoc);
  Loc Out;
  if (Sink) {
    Out = Sink->locate(SM, FileLoc);
  } else {
    auto It = llvm::find(Own, ID);
    Out = {unsigned(It - Own.begin()), Offset};
    if (It == Own.end())
      Own.push_back(ID);
  }
  Files.try_emplace(Out.File, ID);
  return Out;
}

SourceLocation Locations::toSource(Loc L) const {
  auto It = Files.find(L.File);
  if (It == Files.end())
    return {};
  return SM.getComposedLoc(It->second, L.Offset);
}

std::vector<FixItHint> Locations::hints(llvm::ArrayRef<UnitEdit> Edits) const {
  std::vector<FixItHint> Out;
  for (const UnitEdit &E : Edits) {
    SourceLocation L = toSource({E.File, E.Offset});
    if (L.isInvalid())
      continue;
    Out.push_back(E.Length == 0 ? FixItHint::CreateInsertion(L, E.Text)
                                : FixItHint::CreateReplacement(
                                      CharSourceRange::getCharRange(
                                          L, L.getLocWithOffset(E.Length)),
                                      E.Text));
  }
  return Out;
}

} // namespace durcheck::crosstu
