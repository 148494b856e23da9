//===- ForwardWorklist.h - Worklist of a forward CFG dataflow ---*- C++ -*-===//
//
// The bookkeeping every forward analysis over a clang::CFG shares: the
// in-state of each block, the queue of blocks whose in-state changed, and
// the join of a block's out-state into its successors.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_FORWARDWORKLIST_H
#define DURCHECK_ANALYSIS_FORWARDWORKLIST_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <optional>
#include <vector>

namespace durcheck {

/// State must be copyable and equality-comparable; Join(Into, From) joins
/// From into Into. In-states only grow, so over a lattice of finite height
/// the worklist empties.
template <typename State, typename JoinFn> class ForwardWorklist {
public:
  ForwardWorklist(const clang::CFG &G, State Entry, JoinFn Join)
      : In(G.getNumBlockIDs()), Queued(G.getNumBlockIDs()), Join(Join) {
    In[G.getEntry().getBlockID()] = std::move(Entry);
    enqueue(G.getEntry());
  }

  /// The next block to transfer, or null when the fixpoint is reached.
  const clang::CFGBlock *pop() {
    if (Work.empty())
      return nullptr;
    const clang::CFGBlock *B = Work.front();
    Work.pop_front();
    Queued.reset(B->getBlockID());
    return B;
  }

  const State &in(const clang::CFGBlock &B) const {
    return *In[B.getBlockID()];
  }

  /// Joins Out into Succ's in-state and queues Succ when that changed it.
  void propagate(const clang::CFGBlock &Succ, const State &Out) {
    std::optional<State> &SuccIn = In[Succ.getBlockID()];
    if (SuccIn) {
      State Merged = *SuccIn;
      Join(Merged, Out);
      if (Merged == *SuccIn)
        return;
      SuccIn = std::move(Merged);
    } else {
      SuccIn = Out;
    }
    enqueue(Succ);
  }

  /// The in-state of every block; none for the unreachable ones.
  std::vector<std::optional<State>> take() { return std::move(In); }

private:
  void enqueue(const clang::CFGBlock &B) {
    if (Queued.test(B.getBlockID()))
      return;
    Queued.set(B.getBlockID());
    Work.push_back(&B);
  }

  std::vector<std::optional<State>> In;
  std::deque<const clang::CFGBlock *> Work;
  llvm::BitVector Queued;
  JoinFn Join;
};

/// Solves an analysis whose Transfer provides
///   void apply(const clang::CFGBlock &B, State &S) const;
///   void applyEdge(const clang::CFGBlock &B, unsigned SuccIndex,
///                  State &S) const;
/// Follows(B, Succ) says whether the edge from B to Succ is taken at all.
/// Returns the in-state of every block; none for the unreachable ones. A
/// Transfer that numbers what it meets on the way is passed non-const.
template <typename State, typename JoinFn, typename Transfer,
          typename EdgeFilter>
std::vector<std::optional<State>>
solveForward(const clang::CFG &G, State AtEntry, JoinFn Join, Transfer &T,
             EdgeFilter Follows) {
  ForwardWorklist<State, JoinFn> Work(G, std::move(AtEntry), Join);
  while (const clang::CFGBlock *B = Work.pop()) {
    State Out = Work.in(*B);
    T.apply(*B, Out);
    unsigned SuccIndex = 0;
    for (const clang::CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned Index = SuccIndex++;
      const clang::CFGBlock *S = Succ.getReachableBlock();
      if (!S || !Follows(*B, *S))
        continue;
      State EdgeOut = Out;
      T.applyEdge(*B, Index, EdgeOut);
      Work.propagate(*S, EdgeOut);
    }
  }
  return Work.take();
}

/// The join of the may-analyses whose state is a bit vector.
inline void unionInto(llvm::BitVector &Into, const llvm::BitVector &From) {
  Into |= From;
}

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_FORWARDWORKLIST_H
