//===- FunctionSummaries.cpp - What each function of a TU does ------------===//

#include "durcheck/Analysis/FunctionSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace durcheck {
namespace {

// One walk over a body: the calls, and every value stored into a local.
class FactsCollector : public RecursiveASTVisitor<FactsCollector> {
public:
  explicit FactsCollector(FunctionFacts &Facts) : Facts(Facts) {}

  bool VisitCallExpr(CallExpr *Call) {
    Facts.Calls.push_back(Call);
    // dirname() may truncate its argument in place and return it.
    if (model::calleeName(Call) == "dirname" && Call->getNumArgs() == 1)
      if (const VarDecl *VD = localOf(Call->getArg(0)))
        Stores.emplace_back(VD, Call);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (model::matchStreamOpen(Construct))
      Facts.StreamOpens.push_back(Construct);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->isLocalVarDecl() && VD->getInit())
      Stores.emplace_back(VD, VD->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      if (const VarDecl *VD = localOf(BO->getLHS()))
        Stores.emplace_back(VD, BO->getRHS());
    return true;
  }

  std::vector<std::pair<const VarDecl *, const Expr *>> Stores;

private:
  static const VarDecl *localOf(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage() ? VD : nullptr;
  }
  FunctionFacts &Facts;
};

bool opensDirectory(const CallExpr *Call, const FunctionFacts &Facts,
                    const model::OpenFlags &Flags, const ASTContext &Ctx) {
  std::optional<model::OpenCall> Open = model::matchOpen(Call);
  if (!Open || (Open->Kind != model::OpenKind::Open &&
                Open->Kind != model::OpenKind::OpenAt))
    return false;
  if (Facts.namesDirectory(Open->Path))
    return true;
  std::optional<uint64_t> Bits = Flags.mayBits(Open->Flags, Ctx);
  uint64_t Directory = Flags.value("O_DIRECTORY");
  uint64_t TmpFile = Flags.value("O_TMPFILE");
  // O_TMPFILE contains O_DIRECTORY's bit but yields an fd of a new file.
  return Bits && (*Bits & Directory) &&
         (TmpFile == 0 || (*Bits & TmpFile) != TmpFile);
}

} // namespace

bool FunctionFacts::namesDirectory(const Expr *Path) const {
  if (model::yieldsDirectoryPath(Path))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(model::stripPathWrappers(Path));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && DirPathVars.contains(VD);
}

bool FunctionFacts::isDirectoryFd(const Expr *E, const model::OpenFlags &Flags,
                                  const ASTContext &Ctx) const {
  E = E->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    return VD && DirFdVars.contains(VD);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return model::isDirfdCall(Call) || opensDirectory(Call, *this, Flags, Ctx);
  return false;
}

FunctionFacts collectFacts(const FunctionDecl &FD,
                           const model::OpenFlags &Flags,
                           const ASTContext &Ctx) {
  FunctionFacts Facts;
  FactsCollector Collector(Facts);
  Collector.TraverseStmt(FD.getBody());
  for (const auto &[VD, Value] : Collector.Stores)
    if (const auto *Call = dyn_cast<CallExpr>(Value->IgnoreParenImpCasts()))
      Facts.CallResultVars[VD] = Call;
  // Directory paths and fds flow through copies between locals, so iterate
  // until no store adds one.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[VD, Value] : Collector.Stores) {
      if (!Facts.DirPathVars.contains(VD) && Facts.namesDirectory(Value))
        Changed |= Facts.DirPathVars.insert(VD).second;
      if (!Facts.DirFdVars.contains(VD) &&
          Facts.isDirectoryFd(Value, Flags, Ctx))
        Changed |= Facts.DirFdVars.insert(VD).second;
    }
  }
  return Facts;
}

bool DirSyncPolicy::trusts(const FunctionDecl &Callee) const {
  auto [It, New] = Trusted.try_emplace(Callee.getCanonicalDecl(), false);
  if (New)
    It->second = judge(Callee);
  return It->second;
}

bool DirSyncPolicy::judge(const FunctionDecl &Callee) const {
  if (!Callee.getDeclName().isIdentifier())
    return false;
  StringRef Name = Callee.getName();
  std::string Qualified = Callee.getQualifiedNameAsString();
  if (llvm::any_of(Functions, [&](const std::string &F) {
        return F == Name || F == Qualified;
      }))
    return true;
  return Pattern.isValid() && Pattern.match(Name);
}

void FunctionSummaries::add(const FunctionDecl &FD) {
  Summary &S = Summaries[FD.getCanonicalDecl()];
  S.Facts = collectFacts(FD, Flags, Ctx);
  for (const CallExpr *Call : S.Facts.Calls) {
    if (model::syncedFd(Call))
      S.SyncsData = true;
    if (isDirectorySync(*Call, S.Facts))
      S.SyncsDirectory = true;
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      S.Callees.push_back(Callee->getCanonicalDecl());
  }
}

void FunctionSummaries::finalize() {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (auto &[FD, S] : Summaries) {
      for (const FunctionDecl *Callee : S.Callees) {
        const Summary *C = lookup(Callee);
        if (!C)
          continue;
        if (C->SyncsDirectory && !S.SyncsDirectory)
          Changed = S.SyncsDirectory = true;
        if (C->SyncsData && !S.SyncsData)
          Changed = S.SyncsData = true;
      }
    }
  }
}

const FunctionSummaries::Summary *
FunctionSummaries::lookup(const FunctionDecl *FD) const {
  auto It = Summaries.find(FD->getCanonicalDecl());
  return It == Summaries.end() ? nullptr : &It->second;
}

const FunctionFacts *FunctionSummaries::facts(const FunctionDecl &FD) const {
  const Summary *S = lookup(&FD);
  return S ? &S->Facts : nullptr;
}

bool FunctionSummaries::syncsData(const FunctionDecl &FD) const {
  const Summary *S = lookup(&FD);
  return S && S->SyncsData;
}

bool FunctionSummaries::syncsDirectory(const FunctionDecl &FD) const {
  const Summary *S = lookup(&FD);
  return S && S->SyncsDirectory;
}

bool FunctionSummaries::isDirectorySync(const CallExpr &Call,
                                        const FunctionFacts &Facts) const {
  if (model::isFileSystemSync(&Call))
    return true;
  if (const Expr *Fd = model::syncedFd(&Call))
    return Facts.isDirectoryFd(Fd, Flags, Ctx);
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  if (Policy.trusts(*Callee) || Callee->getCanonicalDecl() == Assumed)
    return true;
  const Summary *S = lookup(Callee);
  return S && S->SyncsDirectory;
}

} // namespace durcheck
