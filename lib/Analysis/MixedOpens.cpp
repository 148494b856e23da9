//===- MixedOpens.cpp - Files opened both direct and buffered -------------===//

#include "durcheck/Analysis/MixedOpens.h"
#include "llvm/ADT/Twine.h"
#include <map>
#include <utility>

namespace durcheck {

std::string directPartnerNote(llvm::StringRef Spelling, DirectHow How,
                              bool FdOpen) {
  llvm::StringRef Opened =
      How == DirectHow::Opened        ? " is opened with O_DIRECT here"
      : How == DirectHow::MaybeOpened ? " may be opened with O_DIRECT here"
                                      : "";
  std::string Head =
      How == DirectHow::SetByFcntl
          ? ("O_DIRECT is set on a descriptor of " + Spelling + " here").str()
          : (Spelling + Opened).str();
  llvm::StringRef Remedy = FdOpen ? "add O_DIRECT to the buffered open"
                                  : "open the buffered file with open() and "
                                    "O_DIRECT instead";
  return (Head + "; " + Remedy +
          " and align its buffers and offsets, or drop O_DIRECT")
      .str();
}

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
