//===- MixedOpens.cpp - Files opened both direct and buffered -------------===//

#include "durcheck/Analysis/MixedOpens.h"
#include <map>
#include <utility>

namespace durcheck {

std::vector<MixedOpen> findMixedOpens(llvm::ArrayRef<OpenFact> Facts,
                                      bool IgnoreWriteOnly) {
  // The direct open each key is reported with.
  std::map<std::pair<int, std::string>, size_t> DirectOf;
  for (size_t I = 0; I < Facts.size(); ++I) {
    const OpenFact &F = Facts[I];
    if (F.Mode == CacheMode::Buffered)
      continue;
    auto [It, New] = DirectOf.try_emplace({F.Key.Kind, F.Key.Text}, I);
    if (!New && F.Mode == CacheMode::Direct &&
        Facts[It->second].Mode == CacheMode::MaybeDirect)
      It->second = I;
  }
  std::vector<MixedOpen> Mixed;
  for (size_t I = 0; I < Facts.size(); ++I) {
    const OpenFact &F = Facts[I];
    if (F.Mode != CacheMode::Buffered || (IgnoreWriteOnly && !F.Reads))
      continue;
    auto It = DirectOf.find({F.Key.Kind, F.Key.Text});
    if (It != DirectOf.end())
      Mixed.push_back({I, It->second});
  }
  return Mixed;
}

} // namespace durcheck
