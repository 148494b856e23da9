//===- OpenModes.cpp - The flags each open of a function passes -----------===//
//
// In the order of UninitializedValues: the index map of the tracked locals,
// the per-block state, the transfer function, the worklist to a fixpoint,
// and a last pass that records what holds at each open and fcntl.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/OpenModes.h"
#include "Analysis/ForwardWorklist.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace durcheck {
namespace {

//===-- Index map ---------------------------------------------------------===//

// The local integers whose every use is a read, an assignment or an
// increment: no pointer, reference or capture can change them unseen.
class TrackedVars {
public:
  explicit TrackedVars(const Stmt *Body) {
    walk(Body, /*Captured=*/false);
    for (const VarDecl *VD : Seen)
      if (!Escaped.count(VD))
        Index.try_emplace(VD, Index.size());
  }

  std::optional<unsigned> indexOf(const VarDecl *VD) const {
    auto It = Index.find(VD);
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  std::optional<unsigned> indexOf(const Expr *E) const {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD ? indexOf(VD) : std::nullopt;
  }
  unsigned size() const { return Index.size(); }

private:
  static const VarDecl *candidate(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage() && VD->getType()->isIntegerType() &&
                   !VD->getType().isVolatileQualified()
               ? VD
               : nullptr;
  }

  // The operand of a read, an assignment or ++/-- is a safe use.
  static const Expr *safeUse(const Stmt *S) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
      return Cast->getCastKind() == CK_LValueToRValue ? Cast->getSubExpr()
                                                      : nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      return BO->isAssignmentOp() ? BO->getLHS() : nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      return UO->isIncrementDecrementOp() ? UO->getSubExpr() : nullptr;
    return nullptr;
  }

  void walk(const Stmt *S, bool Captured) {
    if (!S)
      return;
    Captured = Captured || isa<LambdaExpr>(S) || isa<BlockExpr>(S);
    if (const auto *E = dyn_cast<Expr>(S))
      if (const VarDecl *VD = candidate(E)) {
        // Reached other than through a safe use: its address escapes.
        Seen.insert(VD);
        Escaped.insert(VD);
        return;
      }
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->hasLocalStorage() && VD->getType()->isIntegerType())
          Seen.insert(VD);
    const Expr *Use = safeUse(S);
    for (const Stmt *Child : S->children()) {
      if (!Child)
        continue;
      const VarDecl *VD = Child == Use && !Captured ? candidate(Use) : nullptr;
      if (VD)
        Seen.insert(VD);
      else
        walk(Child, Captured);
    }
  }

  llvm::SmallPtrSet<const VarDecl *, 8> Seen, Escaped;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
};

//===-- Per-block state ---------------------------------------------------===//

// What one tracked local may hold: flag bits, and descriptors of opens.
struct VarValue {
  model::FlagSet Bits = model::FlagSet::unknown();
  llvm::SmallVector<const CallExpr *, 2> Opens;

  void join(const VarValue &O) {
    Bits = Bits.join(O.Bits);
    for (const CallExpr *Open : O.Opens)
      if (!llvm::is_contained(Opens, Open))
        Opens.push_back(Open);
  }
  bool operator==(const VarValue &O) const {
    return Bits == O.Bits && Opens.size() == O.Opens.size() &&
           llvm::all_of(Opens, [&](const CallExpr *C) {
             return llvm::is_contained(O.Opens, C);
           });
  }
};

using State = std::vector<VarValue>;

void joinInto(State &Into, const State &From) {
  for (unsigned I = 0; I < Into.size(); ++I)
    Into[I].join(From[I]);
}

//===-- Transfer ----------------------------------------------------------===//

class Transfer {
public:
  Transfer(const TrackedVars &Vars, const model::OpenFlags &Flags,
           OpenMatcher Match, const ASTContext &Ctx)
      : Vars(Vars), Flags(Flags), Match(Match), Ctx(Ctx),
        Direct(Flags.value("O_DIRECT")), SetFl(Flags.value("F_SETFL")) {}

  void apply(const CFGBlock &B, State &S, OpenModes *Record) const {
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        applyStmt(*CS->getStmt(), S, Record);
  }

private:
  void applyStmt(const Stmt &St, State &S, OpenModes *Record) const {
    if (const auto *DS = dyn_cast<DeclStmt>(&St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (std::optional<unsigned> I = Vars.indexOf(VD))
            S[*I] = VD->getInit() ? valueOf(VD->getInit(), S) : VarValue();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(&St)) {
      if (BO->isAssignmentOp())
        if (std::optional<unsigned> I = Vars.indexOf(BO->getLHS()))
          S[*I] = assigned(*BO, S[*I], S);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(&St)) {
      if (UO->isIncrementDecrementOp())
        if (std::optional<unsigned> I = Vars.indexOf(UO->getSubExpr()))
          S[*I] = VarValue();
    } else if (const auto *Call = dyn_cast<CallExpr>(&St); Call && Record) {
      recordCall(*Call, S, *Record);
    }
  }

  VarValue assigned(const BinaryOperator &BO, const VarValue &Old,
                    const State &S) const {
    VarValue V;
    switch (BO.getOpcode()) {
    case BO_Assign:
      return valueOf(BO.getRHS(), S);
    case BO_OrAssign:
      V.Bits = Old.Bits | bitsOf(BO.getRHS(), S);
      return V;
    case BO_AndAssign:
      V.Bits = Old.Bits & bitsOf(BO.getRHS(), S);
      return V;
    default:
      return V;
    }
  }

  model::FlagSet bitsOf(const Expr *E, const State &S) const {
    return Flags.evaluate(E, Ctx,
                          [&](const VarDecl *VD) { return localBits(VD, S); });
  }

  std::optional<model::FlagSet> localBits(const VarDecl *VD,
                                          const State &S) const {
    if (std::optional<unsigned> I = Vars.indexOf(VD))
      return S[*I].Bits;
    // An untracked constant still has its initialiser's value.
    if (VD->getType().isConstQualified() && VD->getInit())
      return bitsOf(VD->getInit(), S);
    return std::nullopt;
  }

  VarValue valueOf(const Expr *E, const State &S) const {
    VarValue V;
    V.Bits = bitsOf(E, S);
    collectOpens(E, S, V.Opens);
    return V;
  }

  // The opens whose descriptor E may be.
  void collectOpens(const Expr *E, const State &S,
                    llvm::SmallVectorImpl<const CallExpr *> &Out) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (std::optional<model::OpenCall> Open = Match(Call);
          Open && isFdOpen(*Open))
        Out.push_back(Call);
    } else if (std::optional<unsigned> I = Vars.indexOf(E)) {
      Out.append(S[*I].Opens.begin(), S[*I].Opens.end());
    } else if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
      collectOpens(CO->getTrueExpr(), S, Out);
      collectOpens(CO->getFalseExpr(), S, Out);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
               BO && BO->getOpcode() == BO_Comma) {
      collectOpens(BO->getRHS(), S, Out);
    }
  }

  void recordArgs(const CallExpr &Call, const State &S,
                  OpenModes &Record) const {
    if (!Call.getDirectCallee())
      return;
    std::vector<model::FlagSet> Args;
    for (const Expr *Arg : Call.arguments())
      Args.push_back(Arg->getType()->isIntegerType()
                         ? bitsOf(Arg, S)
                         : model::FlagSet::unknown());
    Record.CallArgs.try_emplace(&Call, std::move(Args));
  }

  static bool isFdOpen(const model::OpenCall &Open) {
    return Open.Kind == model::OpenKind::Open ||
           Open.Kind == model::OpenKind::OpenAt;
  }

  void recordCall(const CallExpr &Call, const State &S,
                  OpenModes &Record) const {
    if (std::optional<model::OpenCall> Open = Match(&Call)) {
      if (isFdOpen(*Open))
        Record.Flags.try_emplace(&Call, bitsOf(Open->Flags, S));
      return;
    }
    const Expr *NewFlags = model::setStatusFlagsArg(&Call, SetFl, Ctx);
    if (!NewFlags) {
      recordArgs(Call, S, Record);
      return;
    }
    if (!(bitsOf(NewFlags, S).May & Direct))
      return;
    llvm::SmallVector<const CallExpr *, 2> Opens;
    collectOpens(Call.getArg(0), S, Opens);
    for (const CallExpr *Open : Opens)
      Record.SetDirect.try_emplace(Open, &Call);
  }

  const TrackedVars &Vars;
  const model::OpenFlags &Flags;
  OpenMatcher Match;
  const ASTContext &Ctx;
  const uint64_t Direct, SetFl;
};

//===-- Worklist to a fixpoint --------------------------------------------===//

std::vector<std::optional<State>> solve(const CFG &G, const Transfer &T,
                                        State AtEntry) {
  ForwardWorklist Work(G, std::move(AtEntry), joinInto);
  while (const CFGBlock *B = Work.pop()) {
    State Out = Work.in(*B);
    T.apply(*B, Out, nullptr);
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *S = Succ.getReachableBlock())
        Work.propagate(*S, Out);
  }
  return Work.take();
}

} // namespace

//===-- Record ------------------------------------------------------------===//

OpenModes runOpenModeAnalysis(const FunctionDecl &FD, const CFG &G,
                              ASTContext &Ctx, const model::OpenFlags &Flags,
                              OpenMatcher Match) {
  OpenModes Result;
  TrackedVars Vars(FD.getBody());
  Transfer T(Vars, Flags, Match, Ctx);
  // A parameter holds whatever its caller passes.
  State AtEntry(Vars.size());
  for (const ParmVarDecl *Param : FD.parameters())
    if (std::optional<unsigned> I = Vars.indexOf(Param))
      AtEntry[*I].Bits = model::FlagSet::param(Param->getFunctionScopeIndex());
  std::vector<std::optional<State>> In = solve(G, T, std::move(AtEntry));
  for (const CFGBlock *B : G)
    if (const std::optional<State> &S = In[B->getBlockID()]) {
      State Copy = *S;
      T.apply(*B, Copy, &Result);
    }
  return Result;
}

} // namespace durcheck
