//===- CallerSyncs.cpp - Directory syncs made by the callers --------------===//

#include "durcheck/Analysis/CallerSyncs.h"
#include "durcheck/Analysis/RenameDurability.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace durcheck {
namespace {

// How deep a chain of internal helpers the callers are followed through.
constexpr unsigned MaxCallerDepth = 3;

class Leaks : public RenameDurabilityHandler {
public:
  void handleUnsyncedCall(const UnsyncedCall &) override { Found = true; }
  bool Found = false;
};

} // namespace

CallerSyncs::CallerSyncs(ASTContext &Ctx, const FunctionSummaries &Summaries,
                         ArrayRef<const FunctionDecl *> Functions,
                         ArrayRef<const DeclRefExpr *> References)
    : Ctx(Ctx), Summaries(Summaries) {
  llvm::DenseSet<const Expr *> Callees;
  for (const FunctionDecl *Caller : Functions) {
    const FunctionFacts *Facts = Summaries.facts(*Caller);
    if (!Facts)
      continue;
    for (const CallExpr *Call : Facts->Calls) {
      Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        auto &List = Callers[Callee->getCanonicalDecl()];
        if (!llvm::is_contained(List, Caller))
          List.push_back(Caller);
      }
    }
  }
  // A reference that is not a call's callee lets the function escape: into
  // a function pointer, a table of operations, another TU.
  for (const DeclRefExpr *Ref : References)
    if (!Callees.contains(Ref))
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
        AddressTaken.insert(FD->getCanonicalDecl());
}

bool CallerSyncs::allCallersSync(const FunctionDecl &FD) {
  return callersSync(FD.getCanonicalDecl(), 0);
}

bool CallerSyncs::callersSync(const FunctionDecl *FD, unsigned Depth) {
  if (FD->isExternallyVisible() || AddressTaken.contains(FD) ||
      Depth > MaxCallerDepth)
    return false;
  auto [It, New] = Answers.try_emplace(FD, false);
  if (!New)
    return It->second;
  auto Found = Callers.find(FD);
  bool Synced = Found != Callers.end() && !Found->second.empty() &&
                llvm::all_of(Found->second, [&](const FunctionDecl *Caller) {
                  return !leavesUnsynced(*Caller, FD) ||
                         callersSync(Caller->getCanonicalDecl(), Depth + 1);
                });
  Answers[FD] = Synced;
  return Synced;
}

bool CallerSyncs::leavesUnsynced(const FunctionDecl &Caller,
                                 const FunctionDecl *Callee) {
  Leaks Handler;
  runRenameDurabilityAnalysis(
      Caller, Ctx, Summaries,
      [&](const CallExpr &Call) {
        const FunctionDecl *Direct = Call.getDirectCallee();
        return Direct && Direct->getCanonicalDecl() == Callee;
      },
      Handler);
  return Handler.Found;
}

} // namespace durcheck
