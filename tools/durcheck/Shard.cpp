//===- Shard.cpp - Which units of a work list one shard analyses ----------===//
//
// Greedy largest-first assignment (LPT): within 4/3 of the best balance by
// bytes, in O(U log U + U N), and deterministic given the sizes.
//
//===----------------------------------------------------------------------===//

#include "Shard.h"
#include "llvm/Support/FileSystem.h"
#include <numeric>

namespace durcheck {

std::optional<ShardSpec> parseShard(llvm::StringRef Text, std::string &Error) {
  auto [KText, NText] = Text.split('/');
  ShardSpec S;
  if (KText.getAsInteger(10, S.K) || NText.getAsInteger(10, S.N) || S.K < 1 ||
      S.K > S.N) {
    Error = "--shard takes K/N with 1 <= K <= N, such as 2/4, not '" +
            Text.str() + "'";
    return std::nullopt;
  }
  return S;
}

std::vector<unsigned> shardUnits(const WorkList &Work, ShardSpec Spec) {
  size_t Count = Work.Units.size();
  // A file that cannot be read weighs nothing; its unit fails quickly.
  std::vector<uint64_t> Size(Count, 0);
  for (size_t I = 0; I < Count; ++I)
    llvm::sys::fs::file_size(Work.Units[I].Filename, Size[I]);
  std::vector<unsigned> Order(Count);
  std::iota(Order.begin(), Order.end(), 0);
  // Largest first; equal sizes in the work list's order. (std::stable_sort
  // would do, but libstdc++ 12's warns of a deprecated buffer under clang.)
  llvm::sort(Order, [&](unsigned A, unsigned B) {
    return Size[A] != Size[B] ? Size[A] > Size[B] : A < B;
  });
  // Bytes, then units: empty files spread out too.
  std::vector<std::pair<uint64_t, unsigned>> Load(Spec.N);
  std::vector<unsigned> Mine;
  for (unsigned I : Order) {
    unsigned Lightest =
        std::min_element(Load.begin(), Load.end()) - Load.begin();
    Load[Lightest].first += Size[I];
    ++Load[Lightest].second;
    if (Lightest == Spec.K - 1)
      Mine.push_back(I);
  }
  llvm::sort(Mine);
  return Mine;
}

} // namespace durcheck
