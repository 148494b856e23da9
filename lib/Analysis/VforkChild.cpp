//===- VforkChild.cpp - What a vfork child does before it execs -----------===//
//
// In the order of UninitializedValues: the index map of the places a child
// starts and of the open calls it may continue after, the per-block state,
// the transfer function, the worklist to a fixpoint, and the report, cut
// into pieces at the open calls. The same walk judges a function a child
// calls, starting at its entry, to summarise it.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/VforkChild.h"
#include "Analysis/ForwardWorklist.h"
#include "durcheck/Analysis/CFGBuild.h"
#include "durcheck/Model/Process.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

using namespace clang;

namespace durcheck {

VforkChildHandler::~VforkChildHandler() = default;

namespace {

const Expr *strip(const Expr *E) { return E->IgnoreParenCasts(); }

// Whether two expressions name the same variable or field of it.
bool sameLValue(const Expr *A, const Expr *B) {
  A = strip(A);
  B = strip(B);
  if (const auto *RA = dyn_cast<DeclRefExpr>(A))
    if (const auto *RB = dyn_cast<DeclRefExpr>(B))
      return RA->getDecl()->getCanonicalDecl() ==
             RB->getDecl()->getCanonicalDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A))
    if (const auto *MB = dyn_cast<MemberExpr>(B))
      return MA->getMemberDecl() == MB->getMemberDecl() &&
             MA->isArrow() == MB->isArrow() &&
             sameLValue(MA->getBase(), MB->getBase());
  return false;
}

//===-- Index map ---------------------------------------------------------===//

// The value an expression yields: through parentheses, casts, the right
// side of an assignment, and the last statement of a statement expression
// (`({ pid_t p = vfork(); if (p < 0) die(); p; })`).
const Expr *yielded(const Expr *E) {
  while (true) {
    E = strip(E);
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign)
      E = BO->getRHS();
    else if (const auto *SE = dyn_cast<StmtExpr>(E);
             SE && !SE->getSubStmt()->body_empty() &&
             isa<Expr>(SE->getSubStmt()->body_back()))
      E = cast<Expr>(SE->getSubStmt()->body_back());
    else
      return E;
  }
}

// Where a child starts: after a vfork call, or at the entry of a function
// judged as called by a child (Vfork is null then).
struct Origin {
  const CallExpr *Vfork = nullptr;
  /// The variables and fields the result is stored in, and copied to:
  /// `pid_t pid = vfork()`, `job->pid = vfork()`, `pid = xvfork()`. The
  /// child may write them, and tests of them test the result.
  llvm::SmallVector<const VarDecl *, 2> PidVars;
  llvm::SmallVector<const Expr *, 2> PidLValues;

  bool isPidVar(const VarDecl *VD) const {
    return llvm::is_contained(PidVars, VD);
  }

  bool isPid(const Expr *E) const {
    E = strip(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
          VD && isPidVar(VD))
        return true;
    return llvm::any_of(PidLValues,
                        [&](const Expr *L) { return sameLValue(E, L); });
  }

  // The vfork result itself: the call, an assignment of it, or a pid.
  bool isResult(const Expr *E) const {
    E = yielded(E);
    return (Vfork && E == Vfork) || isPid(E);
  }
};

// A store that may keep a vfork result: into a variable it declares, or
// into an assigned expression.
struct Store {
  const VarDecl *Var;
  const Expr *Target;
  const Expr *Value;
};

class OriginIndex {
public:
  // Every vfork call of the CFG, with the places its result is kept.
  explicit OriginIndex(const CFG &G) {
    std::vector<Store> Stores;
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          record(S->getStmt(), Stores);
    // A copy may be seen before the store it copies; repeat until stable.
    for (bool Changed = !Origins.empty(); Changed;) {
      Changed = false;
      for (Origin &O : Origins)
        for (const Store &St : Stores)
          Changed |= O.isResult(St.Value) && addPid(O, St);
    }
  }
  // A single child that starts at the function's entry.
  OriginIndex() : Origins(1) {}

  std::optional<unsigned> indexOf(const Stmt *S) const {
    auto It = Index.find(S);
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  const Origin &operator[](unsigned I) const { return Origins[I]; }
  unsigned size() const { return Origins.size(); }

private:
  void record(const Stmt *S, std::vector<Store> &Stores) {
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (model::isVforkCall(*Call) &&
          Index.try_emplace(Call, Origins.size()).second)
        Origins.push_back({Call, {}, {}});
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->getOpcode() == BO_Assign) {
      Stores.push_back({nullptr, BO->getLHS(), BO->getRHS()});
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
          Stores.push_back({VD, nullptr, VD->getInit()});
    }
  }

  static bool addPid(Origin &O, const Store &St) {
    if (St.Var) {
      if (O.isPidVar(St.Var))
        return false;
      O.PidVars.push_back(St.Var);
      return true;
    }
    if (llvm::is_contained(O.PidLValues, St.Target))
      return false;
    O.PidLValues.push_back(St.Target);
    return true;
  }

  llvm::DenseMap<const Stmt *, unsigned> Index;
  std::vector<Origin> Origins;
};

// The places a piece may start: for each origin, at the origin and at the
// return of each call that may be open. Bit Origin * Stride + Slot of the
// state stands for the piece of that origin that starts at slot Slot, 0
// being the origin itself.
class PieceIndex {
public:
  PieceIndex(const CFG &G, unsigned NumOrigins, ChildCallPolicy &Policy) {
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
          if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
              Call && Policy.mayBeOpen(*Call) &&
              Slots.try_emplace(Call, Calls.size() + 1).second)
            Calls.push_back(Call);
    Stride = Calls.size() + 1;
    Size = NumOrigins * Stride;
  }

  unsigned size() const { return Size; }
  unsigned start(unsigned Origin) const { return Origin * Stride; }
  unsigned originOf(unsigned Bit) const { return Bit / Stride; }
  unsigned after(unsigned Origin, const CallExpr &Call) const {
    return Origin * Stride + Slots.lookup(&Call);
  }
  // The open call a piece starts after; null at the origin.
  const CallExpr *callOf(unsigned Bit) const {
    unsigned Slot = Bit % Stride;
    return Slot ? Calls[Slot - 1] : nullptr;
  }

private:
  llvm::DenseMap<const CallExpr *, unsigned> Slots;
  std::vector<const CallExpr *> Calls;
  unsigned Stride = 1;
  unsigned Size = 0;
};

//===-- The value a branch condition has in the child ---------------------===//

std::optional<int64_t> binaryInChild(const BinaryOperator &BO, const Origin &O,
                                     const ASTContext &Ctx);

// The value of E in the child of O, where vfork returned 0; nullopt when it
// depends on anything else.
std::optional<int64_t> valueInChild(const Expr *E, const Origin &O,
                                    const ASTContext &Ctx) {
  E = strip(E);
  if (O.isResult(E))
    return 0;
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    std::optional<int64_t> V = valueInChild(UO->getSubExpr(), O, Ctx);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_LNot:
      return !*V;
    case UO_Minus:
      return -*V;
    case UO_Plus:
      return *V;
    default:
      return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return binaryInChild(*BO, O, Ctx);
  // likely() and unlikely() wrap the test in __builtin_expect.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getBuiltinCallee() == Builtin::BI__builtin_expect)
    return valueInChild(Call->getArg(0), O, Ctx);
  if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  if (std::optional<llvm::APSInt> C = E->getIntegerConstantExpr(Ctx))
    return C->getExtValue();
  return std::nullopt;
}

std::optional<int64_t> binaryInChild(const BinaryOperator &BO, const Origin &O,
                                     const ASTContext &Ctx) {
  std::optional<int64_t> L = valueInChild(BO.getLHS(), O, Ctx);
  // A known left operand decides && and || alone.
  if (BO.getOpcode() == BO_LAnd && L && !*L)
    return 0;
  if (BO.getOpcode() == BO_LOr && L && *L)
    return 1;
  std::optional<int64_t> R = valueInChild(BO.getRHS(), O, Ctx);
  if (!L || !R)
    return std::nullopt;
  switch (BO.getOpcode()) {
  case BO_LAnd:
  case BO_LOr:
    return *R != 0;
  case BO_EQ:
    return *L == *R;
  case BO_NE:
    return *L != *R;
  case BO_LT:
    return *L < *R;
  case BO_GT:
    return *L > *R;
  case BO_LE:
    return *L <= *R;
  case BO_GE:
    return *L >= *R;
  default:
    return std::nullopt;
  }
}

bool caseMatches(const CFGBlock *B, int64_t V, const ASTContext &Ctx) {
  const auto *Case = dyn_cast_or_null<CaseStmt>(B ? B->getLabel() : nullptr);
  if (!Case)
    return false;
  std::optional<llvm::APSInt> Lo = Case->getLHS()->getIntegerConstantExpr(Ctx);
  std::optional<llvm::APSInt> Hi =
      Case->getRHS() ? Case->getRHS()->getIntegerConstantExpr(Ctx) : Lo;
  return Lo && Hi && Lo->getExtValue() <= V && V <= Hi->getExtValue();
}

//===-- Per-block state and transfer --------------------------------------===//

// A bit per piece (PieceIndex): the child may be running here in that
// piece, and has neither ended nor done anything it must not since the
// piece started.
using State = llvm::BitVector;

// What the report needs of a walk: the violations and the open calls
// crossed, by the piece they happen in, and the pieces that reach the exit.
struct Walk {
  std::vector<std::pair<unsigned, ChildViolation>> Violations;
  /// From a piece to the piece that starts after the open call it reaches.
  std::vector<std::pair<unsigned, unsigned>> Crossings;
  State AtExit;
};

// Whether an assignment writes into the frame of the function that makes
// it: a local or parameter, or a field or element of one.
bool isOwnFrame(const Expr *LHS) {
  LHS = strip(LHS);
  while (true) {
    if (const auto *ME = dyn_cast<MemberExpr>(LHS); ME && !ME->isArrow())
      LHS = strip(ME->getBase());
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(LHS);
             AS && strip(AS->getBase())->getType()->isArrayType())
      LHS = strip(AS->getBase());
    else
      break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(LHS);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType();
}

// A declaration that stores nothing: no initialiser, or a trivial default
// construction.
bool initialises(const VarDecl &VD) {
  const Expr *Init = VD.getInit();
  if (!Init || !VD.hasLocalStorage())
    return false;
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  return !Construct || Construct->getNumArgs() != 0 ||
         !Construct->getConstructor()->isTrivial();
}

class Transfer {
public:
  // WholeBody: the function is judged as called by a child, so writes to
  // its own frame and its returns are fine.
  Transfer(const OriginIndex &Origins, const PieceIndex &Pieces,
           ChildCallPolicy &Policy, bool WholeBody)
      : Origins(Origins), Pieces(Pieces), Policy(Policy), Ctx(Policy.context()),
        WholeBody(WholeBody) {}

  // Applies a block to S; Out, when given, records what happens in it.
  void apply(const CFGBlock &B, State &S, Walk *Out = nullptr) const {
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        applyStmt(CS->getStmt(), S, Out);
  }

  // The parent's and the error's branches of a test of the vfork result.
  void applyEdge(const CFGBlock &B, unsigned SuccIndex, State &S) const {
    const Stmt *Term = B.getTerminatorStmt();
    const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
    if (!Cond || S.none())
      return;
    for (unsigned Bit : S.set_bits()) {
      const Origin &O = Origins[Pieces.originOf(Bit)];
      std::optional<int64_t> V = valueInChild(Cond, O, Ctx);
      if (V && !childTakes(B, Term, SuccIndex, *V))
        S.reset(Bit);
    }
  }

private:
  bool childTakes(const CFGBlock &B, const Stmt *Term, unsigned SuccIndex,
                  int64_t V) const {
    if (!isa<SwitchStmt>(Term))
      return B.succ_size() != 2 || SuccIndex == (V ? 0u : 1u);
    // The default edge, or the edge past the switch, comes last.
    auto Matches = [&](const CFGBlock::AdjacentBlock &Succ) {
      return caseMatches(Succ.getReachableBlock(), V, Ctx);
    };
    if (SuccIndex + 1 == B.succ_size())
      return llvm::none_of(B.succs(), Matches);
    return Matches(*(B.succ_begin() + SuccIndex));
  }

  void applyStmt(const Stmt *St, State &S, Walk *Out) const {
    std::optional<unsigned> Starts = Origins.indexOf(St);
    if (S.none() && !Starts)
      return;
    const auto *Call = dyn_cast<CallExpr>(St);
    if (Call && S.any() && Policy.isOpen(*Call))
      crossOpenCall(*Call, S, Out);
    else
      applyEffect(St, S, Out);
    if (Starts)
      S.set(Pieces.start(*Starts));
  }

  // Each running piece ends at an open call; what follows its return is a
  // piece of its own, unless the callee is declared not to return.
  void crossOpenCall(const CallExpr &Call, State &S, Walk *Out) const {
    bool Returns = !Call.getDirectCallee()->isNoReturn();
    State Next(S.size());
    for (unsigned Bit : S.set_bits()) {
      unsigned After = Pieces.after(Pieces.originOf(Bit), Call);
      if (Out)
        Out->Crossings.push_back({Bit, After});
      if (Returns)
        Next.set(After);
    }
    S = std::move(Next);
  }

  void applyEffect(const Stmt *St, State &S, Walk *Out) const {
    if (std::optional<ChildViolation> V = violationOf(St))
      for (unsigned Bit : S.set_bits()) {
        const Origin &O = Origins[Pieces.originOf(Bit)];
        // The pid that receives the result is the child's to write.
        if (V->Action == ChildAction::Write &&
            (V->Written ? O.isPid(V->Written) : O.isPidVar(V->Declared)))
          continue;
        // Only the first violation on a path is reported.
        S.reset(Bit);
        if (Out) {
          Out->Violations.push_back({Bit, *V});
          Out->Violations.back().second.Vfork = O.Vfork;
        }
      }
    if (const auto *Call = dyn_cast<CallExpr>(St); Call && Policy.ends(*Call))
      S.reset();
  }

  std::optional<ChildViolation> violationOf(const Stmt *St) const {
    ChildViolation V;
    V.At = St;
    V.Loc = St->getBeginLoc();
    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      if (Policy.allows(*Call))
        return std::nullopt;
      V.Callee = Call->getDirectCallee();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(St)) {
      if (Construct->getConstructor()->isTrivial())
        return std::nullopt;
      V.Callee = Construct->getConstructor();
    } else if (const auto *New = dyn_cast<CXXNewExpr>(St)) {
      V.Callee = New->getOperatorNew();
    } else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(St)) {
      V.Callee = Delete->getOperatorDelete();
    } else if (isa<CXXThrowExpr>(St)) {
      V.Action = ChildAction::Throw;
    } else if (isa<ReturnStmt>(St)) {
      if (WholeBody)
        return std::nullopt;
      V.Action = ChildAction::Return;
    } else {
      return writeOf(St, V);
    }
    return V;
  }

  std::optional<ChildViolation> writeOf(const Stmt *St,
                                        ChildViolation V) const {
    V.Action = ChildAction::Write;
    if (const auto *BO = dyn_cast<BinaryOperator>(St);
        BO && BO->isAssignmentOp()) {
      V.Written = BO->getLHS();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(St);
               UO && UO->isIncrementDecrementOp()) {
      V.Written = UO->getSubExpr();
    } else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && initialises(*VD) && !WholeBody) {
          V.Declared = VD;
          V.Loc = VD->getLocation();
          return V;
        }
      return std::nullopt;
    } else {
      return std::nullopt;
    }
    if (WholeBody && isOwnFrame(V.Written))
      return std::nullopt;
    return V;
  }

  const OriginIndex &Origins;
  const PieceIndex &Pieces;
  ChildCallPolicy &Policy;
  const ASTContext &Ctx;
  const bool WholeBody;
};

//===-- Worklist to a fixpoint --------------------------------------------===//

std::vector<std::optional<State>> solve(const CFG &G, const Transfer &T,
                                        State AtEntry) {
  return solveForward(G, std::move(AtEntry), unionInto, T,
                      [](const CFGBlock &, const CFGBlock &) { return true; });
}

//===-- Report ------------------------------------------------------------===//

// What happens in every block, and the pieces that reach the exit.
Walk collect(const CFG &G, const Transfer &T,
             const std::vector<std::optional<State>> &In) {
  Walk Out;
  Out.AtExit.resize(In[G.getEntry().getBlockID()]->size());
  for (const CFGBlock *B : G) {
    if (!In[B->getBlockID()] || B == &G.getExit())
      continue;
    State S = *In[B->getBlockID()];
    T.apply(*B, S, &Out);
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      State EdgeOut = S;
      T.applyEdge(*B, Index++, EdgeOut);
      if (Succ.getReachableBlock() == &G.getExit())
        Out.AtExit |= EdgeOut;
    }
  }
  return Out;
}

void sortBySource(std::vector<ChildViolation> &Found, const SourceManager &SM) {
  llvm::sort(Found, [&](const ChildViolation &A, const ChildViolation &B) {
    if (A.Loc != B.Loc)
      return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
    if (!A.Vfork || !B.Vfork)
      return false;
    return SM.isBeforeInTranslationUnit(A.Vfork->getBeginLoc(),
                                        B.Vfork->getBeginLoc());
  });
}

// Solves the walk and cuts it into pieces: the start of each origin's, in
// the order of the origins, then those after open calls, in the order of
// their bits. A child of a vfork call that reaches the closing brace
// returns from the function; a judged function that does, returns.
std::vector<ChildPiece> cutIntoPieces(const CFG &G, const Transfer &T,
                                      const OriginIndex &Origins,
                                      const PieceIndex &Pieces, State AtEntry,
                                      const FunctionDecl &FD) {
  Walk W = collect(G, T, solve(G, T, std::move(AtEntry)));
  llvm::SmallVector<unsigned> Bits;
  for (unsigned I = 0; I < Origins.size(); ++I)
    Bits.push_back(Pieces.start(I));
  llvm::SmallVector<unsigned> Afters;
  for (const auto &[From, To] : W.Crossings)
    Afters.push_back(To);
  llvm::sort(Afters);
  Afters.erase(std::unique(Afters.begin(), Afters.end()), Afters.end());
  Bits.append(Afters.begin(), Afters.end());
  llvm::DenseMap<unsigned, unsigned> PieceOf;
  std::vector<ChildPiece> Out(Bits.size());
  for (unsigned I = 0; I < Bits.size(); ++I) {
    PieceOf[Bits[I]] = I;
    Out[I].Vfork = Origins[Pieces.originOf(Bits[I])].Vfork;
    Out[I].After = Pieces.callOf(Bits[I]);
  }
  for (auto &[Bit, V] : W.Violations)
    Out[PieceOf.lookup(Bit)].Violations.push_back(std::move(V));
  for (const auto &[From, To] : W.Crossings)
    Out[PieceOf.lookup(From)].Reaches.push_back(PieceOf.lookup(To));
  for (unsigned Bit : W.AtExit.set_bits()) {
    ChildPiece &P = Out[PieceOf.lookup(Bit)];
    P.Returns = true;
    if (!P.Vfork)
      continue;
    ChildViolation V;
    V.Vfork = P.Vfork;
    V.Action = ChildAction::FallOffEnd;
    V.Loc = FD.getBodyRBrace();
    P.Violations.push_back(V);
  }
  for (ChildPiece &P : Out) {
    llvm::sort(P.Reaches);
    P.Reaches.erase(std::unique(P.Reaches.begin(), P.Reaches.end()),
                    P.Reaches.end());
    sortBySource(P.Violations, FD.getASTContext().getSourceManager());
  }
  return Out;
}

} // namespace

//===-- The calls a child may make ----------------------------------------===//

bool ChildCallPolicy::isListed(const FunctionDecl &FD) const {
  if (AllowedFunctions.empty() || !FD.getDeclName().isIdentifier())
    return false;
  std::string Qualified = FD.getQualifiedNameAsString();
  return llvm::any_of(AllowedFunctions, [&](const std::string &Name) {
    return Name == FD.getName() || Name == Qualified;
  });
}

bool ChildCallPolicy::isUnseen(const FunctionDecl &FD) const {
  if (FD.hasBody() || FD.getBuiltinID() || !FD.isExternallyVisible() ||
      FD.isDependentContext())
    return false;
  // A virtual call may run any override.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && MD->isVirtual())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  return llvm::none_of(FD.redecls(), [&](const FunctionDecl *D) {
    return SM.isInSystemHeader(D->getLocation());
  });
}

const FunctionDecl *ChildCallPolicy::judgedCallee(const CallExpr &Call) const {
  if (model::isExecCall(Call) || model::isImmediateExitCall(Call) ||
      model::isInertCall(Call, Ctx) || model::isExitCall(Call) ||
      model::isVforkCall(Call))
    return nullptr;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && !isListed(*Callee) ? Callee : nullptr;
}

bool ChildCallPolicy::mayBeOpen(const CallExpr &Call) const {
  const FunctionDecl *Callee = judgedCallee(Call);
  return Callee && (Callee->hasBody() || isUnseen(*Callee));
}

bool ChildCallPolicy::isOpen(const CallExpr &Call) {
  if (!mayBeOpen(Call))
    return false;
  const FunctionDecl &Callee = *Call.getDirectCallee();
  if (isUnseen(Callee))
    return true;
  const ChildSummary *S = summaryOf(Callee);
  return S && S->isOpen();
}

std::optional<ChildSafety> ChildCallPolicy::summary(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const ChildSummary *S = Callee ? summaryOf(*Callee) : nullptr;
  return S ? std::optional<ChildSafety>(S->Safety) : std::nullopt;
}

const ChildSummary *ChildCallPolicy::summaryOf(const FunctionDecl &FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD.hasBody(Def) || Def->isDependentContext())
    return nullptr;
  // A virtual call may run an override the walk does not see.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def);
      MD && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
      !MD->getParent()->hasAttr<FinalAttr>())
    return nullptr;
  if (auto It = Summaries.find(Def); It != Summaries.end())
    return It->second.get();
  if (!InProgress.insert(Def).second)
    return nullptr;
  auto Summary = std::make_unique<ChildSummary>(judge(*Def));
  InProgress.erase(Def);
  return (Summaries[Def] = std::move(Summary)).get();
}

// Alone, the unit takes the open calls the entry's piece reaches for
// violations, which end their paths.
ChildSummary ChildCallPolicy::judge(const FunctionDecl &FD) {
  std::unique_ptr<CFG> G = buildFunctionCFG(FD, Ctx);
  if (!G)
    return {};
  OriginIndex Entry;
  PieceIndex Pieces(*G, Entry.size(), *this);
  Transfer T(Entry, Pieces, *this, /*WholeBody=*/true);
  State AtEntry(Pieces.size());
  AtEntry.set(Pieces.start(0));
  ChildSummary S;
  S.Pieces = cutIntoPieces(*G, T, Entry, Pieces, std::move(AtEntry), FD);
  const ChildPiece &Start = S.Pieces.front();
  S.Safety = {Start.Violations.empty() && Start.Reaches.empty(),
              !Start.Returns};
  std::vector<ChildViolation> Unsafe = Start.Violations;
  for (unsigned After : Start.Reaches)
    Unsafe.push_back(S.Pieces[After].unsafeCall());
  sortBySource(Unsafe, Ctx.getSourceManager());
  if (!Unsafe.empty())
    S.Why = Unsafe.front();
  if (Start.Reaches.empty())
    S.Pieces.clear();
  return S;
}

std::vector<ChildStep> ChildCallPolicy::chain(const FunctionDecl &In,
                                              const ChildViolation &What) {
  std::vector<ChildStep> Out{{&In, What}};
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen{In.getCanonicalDecl()};
  // Constructors, new and delete are violations whatever their bodies do.
  while (isa_and_nonnull<CallExpr>(Out.back().What.At) &&
         Out.back().What.Callee) {
    const FunctionDecl *Next = Out.back().What.Callee;
    const ChildSummary *S = summaryOf(*Next);
    if (!S || !S->Why || !Seen.insert(Next->getCanonicalDecl()).second)
      break;
    Out.push_back({Next, *S->Why});
  }
  return Out;
}

std::vector<ChildStep> ChildCallPolicy::chainBelow(const FunctionDecl &Callee) {
  const ChildSummary *S = summaryOf(Callee);
  if (!S || !S->Why)
    return {};
  return chain(Callee, *S->Why);
}

bool ChildCallPolicy::allows(const CallExpr &Call) {
  if (model::isExecCall(Call) || model::isImmediateExitCall(Call) ||
      model::isInertCall(Call, Ctx))
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return false;
  if (isListed(*Callee))
    return true;
  std::optional<ChildSafety> Safety = summary(Call);
  return Safety && Safety->SafeInChild;
}

bool ChildCallPolicy::ends(const CallExpr &Call) {
  if (model::isImmediateExitCall(Call))
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (Callee && Callee->isNoReturn())
    return true;
  std::optional<ChildSafety> Safety = summary(Call);
  return Safety && Safety->NeverReturns;
}

//===-- Entry point -------------------------------------------------------===//

ChildViolation ChildPiece::unsafeCall() const {
  ChildViolation V;
  V.Vfork = Vfork;
  V.At = After;
  V.Loc = After->getBeginLoc();
  V.Callee = After->getDirectCallee();
  return V;
}

std::vector<ChildPiece> runVforkChildAnalysis(const FunctionDecl &FD,
                                              ChildCallPolicy &Policy,
                                              VforkChildHandler &Handler) {
  if (!FD.hasBody())
    return {};
  std::unique_ptr<CFG> G = buildFunctionCFG(FD, Policy.context());
  if (!G)
    return {};
  OriginIndex Origins(*G);
  if (Origins.size() == 0)
    return {};
  PieceIndex Pieces(*G, Origins.size(), Policy);
  Transfer T(Origins, Pieces, Policy, /*WholeBody=*/false);
  std::vector<ChildPiece> Out =
      cutIntoPieces(*G, T, Origins, Pieces, State(Pieces.size()), FD);
  // Alone, the unit stops each child at the first open call it reaches.
  std::vector<ChildViolation> Found;
  for (unsigned I = 0; I < Origins.size(); ++I) {
    llvm::append_range(Found, Out[I].Violations);
    for (unsigned After : Out[I].Reaches)
      Found.push_back(Out[After].unsafeCall());
  }
  sortBySource(Found, Policy.context().getSourceManager());
  for (const ChildViolation &V : Found)
    Handler.handleViolation(V);
  return Out;
}

} // namespace durcheck
