//===- RenameDurability.cpp - Renames that leave without a dir sync -------===//
//
// In the order of UninitializedValues: the index map of the renames, the
// per-block state, the transfer function, the worklist to a fixpoint, and
// the report at the exit block.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/RenameDurability.h"
#include "Analysis/ForwardWorklist.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include <optional>

using namespace clang;

namespace durcheck {

RenameDurabilityHandler::~RenameDurabilityHandler() = default;

namespace {

//===-- Index map ---------------------------------------------------------===//

// The calls that owe a sync, numbered in CFG order; for a renameat, the
// new-directory fd whose fsync pays for it.
class ObligationIndex {
public:
  ObligationIndex(const CFG &G,
                  llvm::function_ref<bool(const CallExpr &)> OwesSync) {
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
              Call && OwesSync(*Call) &&
              Index.try_emplace(Call, Calls.size()).second) {
            std::optional<model::RenameCall> R = model::matchRename(Call);
            Calls.push_back(Call);
            DirFds.push_back(R ? R->DestDirFd : nullptr);
          }
  }

  std::optional<unsigned> indexOf(const CallExpr *Call) const {
    auto It = Index.find(Call);
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  const CallExpr *call(unsigned I) const { return Calls[I]; }
  const Expr *dirFd(unsigned I) const { return DirFds[I]; }
  unsigned size() const { return Calls.size(); }

private:
  llvm::DenseMap<const CallExpr *, unsigned> Index;
  std::vector<const CallExpr *> Calls;
  std::vector<const Expr *> DirFds;
};

//===-- Per-block state and transfer --------------------------------------===//

using State = llvm::BitVector;

class Transfer {
public:
  Transfer(const ObligationIndex &Obligations,
           const FunctionSummaries &Summaries, const FunctionFacts &Facts,
           const ASTContext &Ctx)
      : Obligations(Obligations), Summaries(Summaries), Facts(Facts), Ctx(Ctx) {
  }

  void apply(const CFGBlock &B, State &S) const {
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(CS->getStmt()))
          applyCall(*Call, S);
  }

  // A failure edge is an error path: whatever it leaves undone, the caller
  // learns of the failure, so it owes no sync.
  void applyEdge(const CFGBlock &B, unsigned SuccIndex, State &S) const {
    if (B.succ_size() != 2 || S.none())
      return;
    const Expr *Cond = B.getLastCondition();
    if (!Cond)
      return;
    FailureEdge F = classifyFailureTest(Cond, Ctx, Facts);
    if ((F == FailureEdge::True && SuccIndex == 0) ||
        (F == FailureEdge::False && SuccIndex == 1))
      S.reset();
  }

private:
  void applyCall(const CallExpr &Call, State &S) const {
    if (std::optional<unsigned> I = Obligations.indexOf(&Call)) {
      S.set(*I);
      return;
    }
    if (S.none())
      return;
    if (Summaries.isDirectorySync(Call, Facts)) {
      S.reset();
      return;
    }
    // fsync of the directory fd that renameat moved the file into.
    if (const Expr *Fd = model::syncedFd(&Call))
      for (unsigned I : S.set_bits())
        if (sameFd(Fd, Obligations.dirFd(I)))
          S.reset(I);
  }

  bool sameFd(const Expr *A, const Expr *B) const {
    if (!B)
      return false;
    std::optional<model::PathKey> KA = model::pathKeyOf(A, Ctx);
    std::optional<model::PathKey> KB = model::pathKeyOf(B, Ctx);
    return KA && KB && *KA == *KB;
  }

  const ObligationIndex &Obligations;
  const FunctionSummaries &Summaries;
  const FunctionFacts &Facts;
  const ASTContext &Ctx;
};

// Paths that end in abort(), exit() or a throw are error exits of the
// process or the call; they owe no sync.
bool endsInErrorExit(const CFGBlock &B) {
  if (isa_and_nonnull<CXXThrowExpr>(B.getTerminatorStmt()))
    return true;
  for (auto It = B.rbegin(); It != B.rend(); ++It)
    if (std::optional<CFGStmt> CS = It->getAs<CFGStmt>()) {
      const auto *Call = dyn_cast<CallExpr>(CS->getStmt());
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      return Callee && Callee->isNoReturn();
    }
  return false;
}

//===-- Report ------------------------------------------------------------===//

// Where a block that flows into the exit leaves the function.
std::pair<LeaveKind, SourceLocation> leavePoint(const CFGBlock &B,
                                                const FunctionDecl &FD) {
  for (auto It = B.rbegin(); It != B.rend(); ++It)
    if (std::optional<CFGStmt> CS = It->getAs<CFGStmt>()) {
      if (const auto *Ret = dyn_cast<ReturnStmt>(CS->getStmt()))
        return {LeaveKind::Return, Ret->getBeginLoc()};
      break;
    }
  return {LeaveKind::EndOfBody, FD.getBodyRBrace()};
}

} // namespace

void runRenameDurabilityAnalysis(
    const FunctionDecl &FD, ASTContext &Ctx, const FunctionSummaries &Summaries,
    llvm::function_ref<bool(const CallExpr &)> OwesSync,
    RenameDurabilityHandler &Handler) {
  const FunctionFacts *Facts = Summaries.facts(FD);
  if (!FD.hasBody() || !Facts)
    return;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  std::unique_ptr<CFG> G = CFG::buildCFG(&FD, FD.getBody(), &Ctx, Options);
  if (!G)
    return;
  ObligationIndex Obligations(*G, OwesSync);
  if (Obligations.size() == 0)
    return;
  Transfer T(Obligations, Summaries, *Facts, Ctx);
  std::vector<std::optional<State>> In =
      solveForward(*G, State(Obligations.size()), unionInto, T,
                   [&](const CFGBlock &B, const CFGBlock &Succ) {
                     return &Succ != &G->getExit() || !endsInErrorExit(B);
                   });

  const CFGBlock &Exit = G->getExit();
  std::vector<UnsyncedCall> Findings;
  for (unsigned I = 0; I < Obligations.size(); ++I) {
    const std::optional<State> &ExitIn = In[Exit.getBlockID()];
    if (!ExitIn || !ExitIn->test(I))
      continue;
    // The first predecessor that carries the rename to the exit.
    for (const CFGBlock::AdjacentBlock &Pred : Exit.preds()) {
      const CFGBlock *P = Pred.getReachableBlock();
      if (!P || !In[P->getBlockID()] || endsInErrorExit(*P))
        continue;
      State Out = *In[P->getBlockID()];
      T.apply(*P, Out);
      unsigned Index = 0;
      for (const CFGBlock::AdjacentBlock &Succ : P->succs()) {
        if (Succ.getReachableBlock() == &Exit)
          T.applyEdge(*P, Index, Out);
        ++Index;
      }
      if (!Out.test(I))
        continue;
      auto [Kind, Loc] = leavePoint(*P, FD);
      Findings.push_back({Obligations.call(I), Kind, Loc});
      break;
    }
  }
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Findings, [&](const UnsyncedCall &A, const UnsyncedCall &B) {
    return SM.isBeforeInTranslationUnit(A.Call->getBeginLoc(),
                                        B.Call->getBeginLoc());
  });
  for (const UnsyncedCall &F : Findings)
    Handler.handleUnsyncedCall(F);
}

} // namespace durcheck
