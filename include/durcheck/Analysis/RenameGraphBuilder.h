//===- RenameGraphBuilder.h - The rename graph of a function ----*- C++ -*-===//
//
// Builds the plain graph the rename analysis runs over from a function's
// clang::CFG: which calls rename, sync a directory or a file, write a file,
// or call a function whose summary may matter, and which branches are taken
// on failure or on a flag.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEGRAPHBUILDER_H
#define DURCHECK_ANALYSIS_RENAMEGRAPHBUILDER_H

#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/RenameGraph.h"
#include "durcheck/CrossTU/Locations.h"
#include "durcheck/CrossTU/Names.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>
#include <vector>

namespace durcheck::rename {

class GraphBuilder {
public:
  /// Makes the anchor of a rename or call: where a finding there is
  /// reported and what its fix needs.
  using AnchorMaker = llvm::function_ref<Anchor(const clang::CallExpr &Call,
                                                const FunctionFacts &Facts)>;

  /// AddressTaken: the functions of internal linkage whose address the unit
  /// takes, which callers beyond its own calls may reach.
  GraphBuilder(clang::ASTContext &Ctx, const model::OpenFlags &Flags,
               const DirSyncPolicy &Policy, crosstu::Locations &Locs,
               const llvm::DenseSet<const clang::FunctionDecl *> &AddressTaken,
               AnchorMaker MakeAnchor);

  /// The graphs of the unit's definitions, in their order. A definition
  /// has none when nothing in it can matter: no rename, sync, write, call
  /// of a function outside the system headers, or way out other than
  /// returning. A call of a function only this unit can call, and that has
  /// no graph, does not matter. Virtual methods and the functions the unit
  /// stores into slots always have one: a call that may run them is
  /// judged by all the bodies it may run.
  std::vector<FunctionGraph>
  buildAll(llvm::ArrayRef<const clang::FunctionDecl *> Definitions);

  /// Records the functions a global's initialiser stores into function
  /// pointer fields or arrays: `struct ops posix = {.rename = ...};`.
  /// Called before buildAll(), which gives those functions graphs.
  void recordInitialiser(const clang::VarDecl &Global);

  /// The slot stores seen so far, from bodies and initialisers.
  std::vector<SlotStore> takeSlots() { return std::move(Slots); }

  /// Makes the graphs record the opens that create a new file, and the
  /// unlinks, which the creation analysis reads.
  void recordCreations() { Creations = true; }

private:
  class FunctionBuild;

  void store(std::string Slot, const clang::FunctionDecl &F);
  static bool isCalledAsDefined(const clang::FunctionDecl &FD);
  bool isInternal(const clang::FunctionDecl &FD) const;
  void findRelevant(llvm::ArrayRef<std::unique_ptr<FunctionBuild>> Builds);

  clang::ASTContext &Ctx;
  const model::OpenFlags &Flags;
  const DirSyncPolicy &Policy;
  crosstu::Locations &Locs;
  const llvm::DenseSet<const clang::FunctionDecl *> &AddressTaken;
  AnchorMaker MakeAnchor;
  crosstu::FunctionNames Names;
  std::vector<SlotStore> Slots;
  bool Creations = false;
  /// The unit's definitions that a direct call runs (no override, lambda
  /// or weak definition); those of them that only its own direct calls
  /// reach; and those that may matter (canonical declarations).
  llvm::DenseSet<const clang::FunctionDecl *> Defined;
  llvm::DenseSet<const clang::FunctionDecl *> Internal;
  llvm::DenseSet<const clang::FunctionDecl *> Relevant;
  /// Those a call may reach without naming them: virtual methods (but
  /// destructors) and the functions the unit stores into slots.
  llvm::DenseSet<const clang::FunctionDecl *> Indirect;
};

} // namespace durcheck::rename

#endif // DURCHECK_ANALYSIS_RENAMEGRAPHBUILDER_H
