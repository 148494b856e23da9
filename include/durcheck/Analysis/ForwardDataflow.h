//===- ForwardDataflow.h - A worklist over a CFG to a fixpoint --*- C++ -*-===//
//
// The solver the bit-vector analyses share: a forward may-analysis whose
// states merge by union.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_FORWARDDATAFLOW_H
#define DURCHECK_ANALYSIS_FORWARDDATAFLOW_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <optional>
#include <vector>

namespace durcheck {

/// The state on entry to each block of G that some path reaches, or nullopt
/// for one none does. Transfer provides
///   void apply(const clang::CFGBlock &B, llvm::BitVector &S) const;
///   void applyEdge(const clang::CFGBlock &B, unsigned SuccIndex,
///                  llvm::BitVector &S) const;
/// and Follows(B, Succ) says whether the edge from B to Succ is taken at all.
template <typename Transfer, typename EdgeFilter>
std::vector<std::optional<llvm::BitVector>>
solveForward(const clang::CFG &G, llvm::BitVector AtEntry, const Transfer &T,
             EdgeFilter Follows) {
  std::vector<std::optional<llvm::BitVector>> In(G.getNumBlockIDs());
  std::deque<const clang::CFGBlock *> Work;
  llvm::BitVector Queued(G.getNumBlockIDs());
  const clang::CFGBlock &Entry = G.getEntry();
  In[Entry.getBlockID()] = std::move(AtEntry);
  Work.push_back(&Entry);
  Queued.set(Entry.getBlockID());
  while (!Work.empty()) {
    const clang::CFGBlock *B = Work.front();
    Work.pop_front();
    Queued.reset(B->getBlockID());
    llvm::BitVector Out = *In[B->getBlockID()];
    T.apply(*B, Out);
    unsigned SuccIndex = 0;
    for (const clang::CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned Index = SuccIndex++;
      const clang::CFGBlock *S = Succ.getReachableBlock();
      if (!S || !Follows(*B, *S))
        continue;
      llvm::BitVector EdgeOut = Out;
      T.applyEdge(*B, Index, EdgeOut);
      std::optional<llvm::BitVector> &SIn = In[S->getBlockID()];
      if (SIn) {
        llvm::BitVector Merged = *SIn;
        Merged |= EdgeOut;
        if (Merged == *SIn)
          continue;
        SIn = std::move(Merged);
      } else {
        SIn = std::move(EdgeOut);
      }
      if (!Queued.test(S->getBlockID())) {
        Queued.set(S->getBlockID());
        Work.push_back(S);
      }
    }
  }
  return In;
}

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_FORWARDDATAFLOW_H
