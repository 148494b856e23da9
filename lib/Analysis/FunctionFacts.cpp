//===- FunctionFacts.cpp - What one walk over a function finds ------------===//

#include "durcheck/Analysis/FunctionFacts.h"
#include "AncestorVisitor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace durcheck {

const FunctionDecl *functionOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<FunctionDecl>(Ref->getDecl());
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
      return Lambda->getCallOperator();
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0);
    else
      return nullptr;
  }
  return nullptr;
}

namespace {

// One walk over a body: the calls with the statements around them, what is
// written, and every value stored into a local.
class FactsCollector : public AncestorVisitor<FactsCollector> {
public:
  explicit FactsCollector(FunctionFacts &Facts) : Facts(Facts) {}

  bool VisitCallExpr(CallExpr *Call) {
    Facts.Calls.push_back(Call);
    Facts.Contexts[Call] = contextOfTop();
    // operator= of a std::function, or of a function pointer wrapper.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      if (const FunctionDecl *F = functionOf(Op->getArg(1)))
        Facts.FunctionStores.push_back({Op->getArg(0), nullptr, nullptr, F});
    // dirname() may truncate its argument in place and return it.
    if (model::calleeName(Call) == "dirname" && Call->getNumArgs() == 1)
      if (const VarDecl *VD = localOf(Call->getArg(0)))
        Stores.emplace_back(VD, Call);
    return true;
  }
  // What clang kept of an expression it could not make sense of: a call
  // with an undeclared argument in LLVM 19, a RecoveryExpr in its place
  // from LLVM 22 on.
  bool VisitRecoveryExpr(RecoveryExpr *) {
    Facts.HasErrors = true;
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (const Expr *Value = Return->getRetValue())
      Facts.Returned.insert(Value->IgnoreParenImpCasts());
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *) {
    Facts.Throws = true;
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (model::matchStreamOpen(Construct))
      Facts.StreamOpens.push_back(Construct);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->isLocalVarDecl() && VD->getInit()) {
      Stores.emplace_back(VD, VD->getInit());
      if (const FunctionDecl *F = functionOf(VD->getInit()))
        Facts.FunctionStores.push_back({nullptr, VD, nullptr, F});
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    Facts.Written.push_back(BO->getLHS());
    if (const VarDecl *VD = localOf(BO->getLHS()))
      Stores.emplace_back(VD, BO->getRHS());
    if (const FunctionDecl *F = functionOf(BO->getRHS()))
      Facts.FunctionStores.push_back({BO->getLHS(), nullptr, nullptr, F});
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      Facts.Written.push_back(UO->getSubExpr());
    return true;
  }

  std::vector<std::pair<const VarDecl *, const Expr *>> Stores;

private:
  // The context of the call on top of the stack: climb through the
  // expressions, and a declaration's statement, to the statement that holds
  // them.
  CallContext contextOfTop() const {
    CallContext C;
    size_t I = Stack.size() - 1;
    const Stmt *Current = Stack[I];
    while (I > 0) {
      const Stmt *P = Stack[I - 1];
      if (isa<Expr>(P) || (isa<DeclStmt>(P) && !isa<DeclStmt>(Current))) {
        Current = P;
        --I;
        continue;
      }
      C.Statement = Current;
      C.Parent = P;
      C.GrandParent = I > 1 ? Stack[I - 2] : nullptr;
      break;
    }
    return C;
  }

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

// `true`, or `1` as C's stdbool.h spells it.
static bool isTrueLiteral(const Expr *E) {
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
    return B->getValue();
  const auto *I = dyn_cast<IntegerLiteral>(E);
  return I && I->getValue() == 1;
}

// The bool locals every store of which is true or a conjunction with the
// local itself (`ok = ok && write_all(fd, buf, n);`), and that nothing
// else writes: no address taken, no compound assignment.
static void
findStatusFlags(llvm::ArrayRef<std::pair<const VarDecl *, const Expr *>> Stores,
                FunctionFacts &Facts) {
  llvm::DenseMap<const VarDecl *, unsigned> Assignments, Conjunctions;
  llvm::SmallPtrSet<const VarDecl *, 4> Other;
  for (const auto &Store : Stores) {
    const VarDecl *VD = Store.first;
    const Expr *Value = Store.second;
    if (!VD->getType()->isBooleanType())
      continue;
    if (Value != VD->getInit())
      ++Assignments[VD];
    const Expr *V = Value->IgnoreParenImpCasts();
    const auto *And = dyn_cast<BinaryOperator>(V);
    auto IsFlag = [&](const Expr *E) {
      const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return Ref && Ref->getDecl() == VD;
    };
    if (And && And->getOpcode() == BO_LAnd &&
        (IsFlag(And->getLHS()) || IsFlag(And->getRHS())))
      ++Conjunctions[VD];
    else if (!isTrueLiteral(V))
      Other.insert(VD);
  }
  llvm::DenseMap<const VarDecl *, unsigned> Writes;
  for (const Expr *E : Facts.Written)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        ++Writes[VD];
  for (const auto &[VD, Count] : Conjunctions)
    if (!Other.contains(VD) && Writes.lookup(VD) == Assignments.lookup(VD))
      Facts.StatusFlags.insert(VD);
}

static void
findStoredOnce(llvm::ArrayRef<std::pair<const VarDecl *, const Expr *>> Stores,
               FunctionFacts &Facts) {
  llvm::DenseMap<const VarDecl *, unsigned> Count, Writes;
  for (const auto &Store : Stores)
    ++Count[Store.first];
  for (const Expr *E : Facts.Written)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        ++Writes[VD];
  // The one store is the initialiser, which Written leaves out, or an
  // assignment, which it holds.
  for (const auto &[VD, N] : Count)
    if (N == 1 && Writes.lookup(VD) == (VD->getInit() ? 0u : 1u))
      Facts.StoredOnce.insert(VD);
}

FunctionFacts collectFacts(const FunctionDecl &FD,
                           const model::OpenFlags &Flags,
                           const ASTContext &Ctx) {
  FunctionFacts Facts;
  FactsCollector Collector(Facts);
  Collector.TraverseStmt(FD.getBody());
  // A constructor may initialise a std::function member with a lambda.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getMember() && Init->isWritten())
        if (const FunctionDecl *F = functionOf(Init->getInit()))
          Facts.FunctionStores.push_back(
              {nullptr, nullptr, Init->getMember(), F});
  for (const auto &[VD, Value] : Collector.Stores)
    if (const auto *Call = dyn_cast<CallExpr>(Value->IgnoreParenImpCasts()))
      Facts.CallResultVars[VD] = Call;
  findStatusFlags(Collector.Stores, Facts);
  findStoredOnce(Collector.Stores, Facts);
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

bool DirSyncPolicy::flagsDirectory(const CallExpr &Call,
                                   const ASTContext &Ctx) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier() ||
      !StringRef(Callee->getName().lower()).contains("sync"))
    return false;
  static const llvm::Regex Flag("^[Ii][Ss]_?[Dd][Ii][Rr]([Ee][Cc][Tt][Oo][Rr]"
                                "[Yy])?$");
  unsigned N = std::min(Call.getNumArgs(), Callee->getNumParams());
  for (unsigned I = 0; I < N; ++I) {
    const ParmVarDecl *P = Callee->getParamDecl(I);
    Expr::EvalResult Value;
    if (P->getIdentifier() && P->getType()->isIntegralOrEnumerationType() &&
        Flag.match(P->getName()) && !Call.getArg(I)->isValueDependent() &&
        Call.getArg(I)->EvaluateAsInt(Value, Ctx) && Value.Val.isInt() &&
        !Value.Val.getInt().isZero())
      return true;
  }
  return false;
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
  if (PatternNeedsSyncWord) {
    std::string Lower = Name.lower();
    if (!StringRef(Lower).contains("sync") &&
        !StringRef(Lower).contains("flush"))
      return false;
  }
  return Pattern.isValid() && Pattern.match(Name);
}

} // namespace durcheck
