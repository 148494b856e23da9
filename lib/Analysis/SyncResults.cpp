//===- SyncResults.cpp - Whether a sync's failure is acted on -------------===//

#include "durcheck/Analysis/SyncResults.h"
#include "AncestorVisitor.h"
#include "ForwardWorklist.h"
#include "durcheck/Analysis/CFGBuild.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/HandleKey.h"
#include "durcheck/Analysis/Spelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <set>

using namespace clang;

namespace durcheck {
namespace {

//===-- What the function holds -------------------------------------------===//

const VarDecl *localVar(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType()
             ? VD
             : nullptr;
}

// A call whose result reports durability.
struct Site {
  const CallExpr *Call = nullptr;
  std::string Target;
  bool IsClose = false;
  /// The local the result is stored in, when that is all that is done with
  /// it; null when it is read on the spot or discarded.
  const VarDecl *Var = nullptr;
  /// The assignment, or the declaration of Var, that stores it.
  const void *Store = nullptr;
  bool Discarded = false;
};

// What happens to a call's value, found from the statements around it.
struct Use {
  enum KindType { Read, Discarded, Stored } Kind = Read;
  const VarDecl *Var = nullptr;
  const void *Store = nullptr;
};

// Whether Child is where a statement discards its value: a statement of a
// block, the body of a loop or branch, or a for loop's first or third
// clause.
bool discardsValue(const Stmt *Parent, const Stmt *Child) {
  if (isa<CompoundStmt, LabelStmt, AttributedStmt, SwitchCase>(Parent))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return Child == If->getThen() || Child == If->getElse();
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return Child == For->getInit() || Child == For->getInc() ||
           Child == For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return Child == While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Child == Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
    return Child == Range->getBody();
  return false;
}

bool isVoidCast(const Stmt *S) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(S);
  return Cast && Cast->getType()->isVoidType();
}

// One walk over a body: the syncs, where their values go, the writes, and
// which references to a local only assign it.
class SiteCollector : public AncestorVisitor<SiteCollector> {
public:
  SiteCollector(const ASTContext &Ctx, const model::OpenFlags &Flags,
                const SyncPolicy &Policy)
      : Ctx(Ctx), Flags(Flags), Policy(Policy) {}
  // A lambda is a function of its own, analysed on its own.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    if (const Expr *Fd = model::writtenFd(Call))
      Writes.emplace_back(handleKey(Fd), Call);
    bool IsClose = false;
    const Expr *Target = syncTarget(*Call);
    if (!Target && Policy.CheckClose) {
      Target = model::closedFd(Call);
      IsClose = Target != nullptr;
    }
    if (!Target && !isExtraSync(*Call))
      return true;
    Use U = useOfTop();
    Sites.push_back({Call, handleKey(Target), IsClose, U.Var, U.Store,
                     U.Kind == Use::Discarded});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      AssignedOnly.insert(Ref);
    if (opensFile(BO->getRHS()))
      OpenedFiles.insert(handleKey(BO->getLHS()));
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getInit() && opensFile(VD->getInit()))
      OpenedFiles.insert(declKey(VD));
    return true;
  }

  std::vector<Site> Sites;
  std::vector<std::pair<std::string, const CallExpr *>> Writes;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> AssignedOnly;
  /// The fds the function opens by path: open, openat, creat, mkstemp.
  std::set<std::string> OpenedFiles;

private:
  // Sockets, pipes and terminals are written too, and their close says
  // nothing of durability: only an fd the function opened by path counts.
  static bool opensFile(const Expr *E) {
    const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
    std::optional<model::OpenCall> Open =
        Call ? model::matchOpen(Call) : std::nullopt;
    return Open && Open->Kind != model::OpenKind::FOpen &&
           Open->Kind != model::OpenKind::Stream;
  }

  const Expr *syncTarget(const CallExpr &Call) const {
    if (const Expr *Target = model::syncResultTarget(&Call, Flags, Ctx))
      return Target;
    return isExtraSync(Call) && Call.getNumArgs() ? Call.getArg(0) : nullptr;
  }
  bool isExtraSync(const CallExpr &Call) const {
    if (Policy.ExtraFunctions.empty())
      return false;
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee || !Callee->getDeclName().isIdentifier())
      return false;
    std::string Qualified = Callee->getQualifiedNameAsString();
    return llvm::any_of(Policy.ExtraFunctions, [&](const std::string &F) {
      return F == Callee->getName() || F == Qualified;
    });
  }

  // Climbs from the call on top of the stack through what passes its value
  // on unchanged, to what uses it.
  Use useOfTop() const {
    const Stmt *Child = Stack.back();
    for (size_t I = Stack.size() - 1; I > 0; --I) {
      const Stmt *P = Stack[I - 1];
      if (isVoidCast(P))
        return {Use::Discarded};
      if (isa<ParenExpr, ImplicitCastExpr, ExplicitCastExpr, FullExpr>(P)) {
        Child = P;
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
        if (BO->getOpcode() == BO_Comma) {
          if (Child == BO->getLHS())
            return {Use::Discarded};
          Child = P;
          continue;
        }
        if (BO->isAssignmentOp() && Child == BO->getRHS())
          return storeUse(BO, localVar(BO->getLHS()), I - 1);
        return {Use::Read};
      }
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D);
              VD && VD->getInit() == Child && VD->hasLocalStorage() &&
              !VD->getType()->isReferenceType())
            return {Use::Stored, VD, VD};
        return {Use::Read};
      }
      // The value of a statement expression is that of its last statement.
      if (const auto *CS = dyn_cast<CompoundStmt>(P);
          CS && I >= 2 && isa<StmtExpr>(Stack[I - 2]) &&
          CS->body_back() == Child) {
        Child = Stack[I - 2];
        --I;
        continue;
      }
      return {discardsValue(P, Child) ? Use::Discarded : Use::Read};
    }
    return {Use::Read};
  }

  // An assignment of the value: stored when the assignment's own value is
  // discarded and it assigns a local, read otherwise.
  Use storeUse(const BinaryOperator *Assign, const VarDecl *Var,
               size_t Index) const {
    if (!Var)
      return {Use::Read};
    const Stmt *Child = Assign;
    for (size_t I = Index; I > 0; --I) {
      const Stmt *P = Stack[I - 1];
      if (isa<ParenExpr, ImplicitCastExpr, FullExpr>(P) || isVoidCast(P)) {
        Child = P;
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(P);
          BO && BO->getOpcode() == BO_Comma && Child == BO->getLHS())
        return {Use::Stored, Var, Assign};
      return discardsValue(P, Child) ? Use{Use::Stored, Var, Assign}
                                     : Use{Use::Read};
    }
    return {Use::Read};
  }

  const ASTContext &Ctx;
  const model::OpenFlags &Flags;
  const SyncPolicy &Policy;
};

// A close stands for a sync only where the function opens a file by path
// into the fd, writes it before the close, and never syncs it: with a sync, the
// sync's result is the one that counts. Which of these closes follow a write
// that did not fail, the flow decides.
void keepClosesAfterWrites(SiteCollector &C, const SourceManager &SM) {
  std::set<std::string> Synced;
  for (const Site &S : C.Sites)
    if (!S.IsClose && !S.Target.empty())
      Synced.insert(S.Target);
  auto WrittenBefore = [&](const Site &S) {
    return llvm::any_of(C.Writes, [&](const auto &W) {
      return W.first == S.Target &&
             SM.isBeforeInTranslationUnit(W.second->getBeginLoc(),
                                          S.Call->getBeginLoc());
    });
  };
  llvm::erase_if(C.Sites, [&](const Site &S) {
    return S.IsClose && (S.Target.empty() || !C.OpenedFiles.count(S.Target) ||
                         Synced.count(S.Target) || !WrittenBefore(S));
  });
}

//===-- Per-block state ---------------------------------------------------===//

// Four bits a site: its stored value is not read yet (Pending), its local
// holds its value (Holds), the path is one on which it failed (Failed), and
// for a close, its fd was written on the path by a write that did not fail
// (Written).
struct Layout {
  unsigned N;
  unsigned pending(unsigned I) const { return I; }
  unsigned holds(unsigned I) const { return N + I; }
  unsigned failed(unsigned I) const { return 2 * N + I; }
  unsigned written(unsigned I) const { return 3 * N + I; }
  unsigned size() const { return 4 * N; }
};

// The call a condition's operand is, directly or through an assignment.
const CallExpr *callIn(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getRHS()->IgnoreParenCasts();
  return dyn_cast<CallExpr>(E);
}

// A test of a write's result, and the successor taken when it failed or
// wrote short: `< 0`, `== -1`, `!= n`, `< n` on their true edge, `== n`,
// `>= 0`, `> 0` on their false one.
std::optional<std::pair<const CallExpr *, unsigned>>
writeFailure(const Expr *Cond, const ASTContext &Ctx) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    auto Inner = writeFailure(UO->getSubExpr(), Ctx);
    if (Inner)
      Inner->second = 1 - Inner->second;
    return Inner;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isComparisonOp())
    return std::nullopt;
  BinaryOperatorKind Op = BO->getOpcode();
  const Expr *Other = BO->getRHS();
  const CallExpr *Write = callIn(BO->getLHS());
  if (!Write || !model::writtenFd(Write)) {
    Write = callIn(BO->getRHS());
    Other = BO->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!Write || !model::writtenFd(Write))
    return std::nullopt;
  std::optional<llvm::APSInt> V = Other->getIntegerConstantExpr(Ctx);
  bool MinusOne = V && *V == -1;
  switch (Op) {
  case BO_LT:
  case BO_LE:
    return std::make_pair(Write, 0u);
  case BO_EQ:
    return std::make_pair(Write, MinusOne ? 0u : 1u);
  case BO_NE:
    return std::make_pair(Write, MinusOne ? 1u : 0u);
  default:
    return std::make_pair(Write, 1u);
  }
}

// `errno == EINTR` and the like: the failure was an interruption, which
// consumed no writeback error, so trying again is right. Returns the index
// of the successor on which that holds.
std::optional<unsigned> interruptedEdge(const Expr *Cond,
                                        const ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!BO || !BO->isEqualityOp())
    return std::nullopt;
  for (const Expr *Side : {BO->getLHS(), BO->getRHS()}) {
    std::optional<StringRef> Text = sourceText(Side->getSourceRange(), Ctx);
    SourceLocation Loc = Side->getBeginLoc();
    bool Named = (Text && (*Text == "EINTR" || *Text == "EAGAIN")) ||
                 (Loc.isMacroID() &&
                  llvm::is_contained(
                      {StringRef("EINTR"), StringRef("EAGAIN")},
                      Lexer::getImmediateMacroName(Loc, Ctx.getSourceManager(),
                                                   Ctx.getLangOpts())));
    if (Named)
      return BO->getOpcode() == BO_EQ ? 0u : 1u;
  }
  return std::nullopt;
}

//===-- Transfer ----------------------------------------------------------===//

class Transfer {
public:
  Transfer(llvm::ArrayRef<Site> Sites, const SiteCollector &C,
           const FunctionFacts &Facts, const ASTContext &Ctx)
      : L{static_cast<unsigned>(Sites.size())}, Sites(Sites), C(C),
        Facts(Facts), Ctx(Ctx) {
    for (const auto &[Key, Write] : C.Writes)
      WriteKey[Write] = Key;
    for (unsigned I = 0; I < Sites.size(); ++I) {
      SiteOf[Sites[I].Call] = I;
      if (Sites[I].Var)
        StoredIn[Sites[I].Var].push_back(I);
    }
  }

  void apply(const CFGBlock &B, llvm::BitVector &S) const {
    for (const CFGElement &E : B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        applyStmt(CS->getStmt(), S);
  }

  void applyEdge(const CFGBlock &B, unsigned SuccIndex,
                 llvm::BitVector &S) const {
    const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
    if (!Cond || B.succ_size() != 2 || isa<SwitchStmt>(B.getTerminatorStmt()))
      return;
    // A loop's block for the last operand of `a && b` has the whole
    // condition as its terminator, and branches on b.
    for (const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParens());
         BO && BO->isLogicalOp();
         BO = dyn_cast<BinaryOperator>(Cond->IgnoreParens()))
      Cond = BO->getRHS();
    if (auto Failed = writeFailure(Cond, Ctx)) {
      if (Failed->second == SuccIndex)
        forgetWrites(WriteKey.lookup(Failed->first), S);
      return;
    }
    if (std::optional<unsigned> Interrupted = interruptedEdge(Cond, Ctx)) {
      if (*Interrupted == SuccIndex)
        for (unsigned I = 0; I < L.N; ++I)
          S.reset(L.failed(I));
      return;
    }
    FailureEdge F = classifyFailureTest(Cond, Ctx, Facts);
    if (F == FailureEdge::None || SuccIndex != (F == FailureEdge::True ? 0 : 1))
      return;
    for (unsigned I : subjects(Cond, S))
      if (!Sites[I].IsClose)
        S.set(L.failed(I));
  }

  /// Set while the solved states are walked a last time, to report.
  std::set<std::tuple<unsigned, unsigned, SourceLocation>> *Found = nullptr;
  /// With Found: the closes that follow a write on some path.
  std::set<unsigned> *ClosesAfterWrites = nullptr;
  Layout L;

private:
  void applyStmt(const Stmt *St, llvm::BitVector &S) const {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(St)) {
      if (!C.AssignedOnly.count(Ref))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          for (unsigned I : stored(VD))
            S.reset(L.pending(I));
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(St);
        BO && BO->isAssignmentOp()) {
      forgetFailures(handleKey(BO->getLHS()), S);
      if (const VarDecl *VD = localVar(BO->getLHS()))
        assign(VD, St, St->getBeginLoc(), BO->getOpcode() == BO_Assign, S);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->hasInit()) {
          forgetFailures(declKey(VD), S);
          assign(VD, VD, VD->getLocation(), true, S);
        }
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      auto It = SiteOf.find(Call);
      if (It != SiteOf.end())
        syncAgain(It->second, S);
      auto Write = WriteKey.find(Call);
      if (Write != WriteKey.end())
        for (unsigned I = 0; I < L.N; ++I)
          if (Sites[I].IsClose && Sites[I].Target == Write->second)
            S.set(L.written(I));
    }
  }

  void forgetWrites(const std::string &Key, llvm::BitVector &S) const {
    for (unsigned I = 0; I < L.N; ++I)
      if (Sites[I].IsClose && Sites[I].Target == Key)
        S.reset(L.written(I));
  }

  // A store into VD by Store, at At: a plain one loses what VD held unread.
  void assign(const VarDecl *VD, const void *Store, SourceLocation At,
              bool Plain, llvm::BitVector &S) const {
    for (unsigned I : stored(VD)) {
      if (Plain && S.test(L.pending(I)) && Found)
        Found->insert({SyncFinding::Overwritten, I, At});
      if (Plain)
        S.reset(L.pending(I));
      S.reset(L.holds(I));
    }
    for (unsigned I : stored(VD))
      if (Sites[I].Store == Store) {
        S.set(L.pending(I));
        S.set(L.holds(I));
      }
  }

  // A new value of the fd: it was opened again, so syncing it is no retry.
  void forgetFailures(const std::string &Key, llvm::BitVector &S) const {
    if (Key.empty())
      return;
    for (unsigned I = 0; I < L.N; ++I)
      if (Sites[I].Target == Key)
        S.reset(L.failed(I));
  }

  void syncAgain(unsigned J, llvm::BitVector &S) const {
    const Site &Again = Sites[J];
    if (Again.IsClose && S.test(L.written(J)) && ClosesAfterWrites)
      ClosesAfterWrites->insert(J);
    if (Again.IsClose || Again.Target.empty() || !Found)
      return;
    for (unsigned I = 0; I < L.N; ++I)
      if (S.test(L.failed(I)) && Sites[I].Target == Again.Target)
        Found->insert({SyncFinding::Retried, J, Sites[I].Call->getBeginLoc()});
  }

  // The sites whose failure a condition tests: a call in it, one assigned
  // in it, or the local that holds a result.
  llvm::SmallVector<unsigned, 2> subjects(const Expr *Cond,
                                          const llvm::BitVector &S) const {
    llvm::SmallVector<unsigned, 2> Out;
    const Expr *E = Cond->IgnoreParenImpCasts();
    for (const auto *UO = dyn_cast<UnaryOperator>(E);
         UO && UO->getOpcode() == UO_LNot; UO = dyn_cast<UnaryOperator>(E))
      E = UO->getSubExpr()->IgnoreParenImpCasts();
    llvm::SmallVector<const Expr *, 2> Sides = {E};
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->isComparisonOp())
      Sides = {BO->getLHS(), BO->getRHS()};
    for (const Expr *Side : Sides) {
      Side = Side->IgnoreParenCasts();
      if (const auto *BO = dyn_cast<BinaryOperator>(Side);
          BO && BO->getOpcode() == BO_Assign)
        Side = BO->getRHS()->IgnoreParenCasts();
      if (const auto *Call = dyn_cast<CallExpr>(Side)) {
        auto It = SiteOf.find(Call);
        if (It != SiteOf.end())
          Out.push_back(It->second);
      } else if (const VarDecl *VD = localVar(Side)) {
        for (unsigned I : stored(VD))
          if (S.test(L.holds(I)))
            Out.push_back(I);
      }
    }
    return Out;
  }

  llvm::ArrayRef<unsigned> stored(const VarDecl *VD) const {
    auto It = StoredIn.find(VD);
    return It == StoredIn.end() ? llvm::ArrayRef<unsigned>() : It->second;
  }

  llvm::ArrayRef<Site> Sites;
  const SiteCollector &C;
  const FunctionFacts &Facts;
  const ASTContext &Ctx;
  llvm::DenseMap<const CallExpr *, unsigned> SiteOf;
  llvm::DenseMap<const CallExpr *, std::string> WriteKey;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> StoredIn;
};

//===-- Report ------------------------------------------------------------===//

SyncFinding finding(unsigned Kind, const Site &S, SourceLocation Other) {
  SyncFinding F;
  F.Kind = static_cast<SyncFinding::KindType>(Kind);
  F.Call = S.Call;
  F.Other = Other;
  F.Var = S.Var;
  F.IsClose = S.IsClose;
  return F;
}

} // namespace

std::vector<std::string> followedCallees(const SyncPolicy &Policy) {
  std::vector<std::string> Names(model::syncResultCallees().begin(),
                                 model::syncResultCallees().end());
  if (Policy.CheckClose)
    Names.push_back("close");
  llvm::append_range(Names, Policy.ExtraFunctions);
  return Names;
}

std::vector<SyncFinding> findUncheckedSyncs(const FunctionDecl &FD,
                                            ASTContext &Ctx,
                                            const model::OpenFlags &Flags,
                                            const SyncPolicy &Policy) {
  SiteCollector C(Ctx, Flags, Policy);
  C.TraverseStmt(FD.getBody());
  keepClosesAfterWrites(C, Ctx.getSourceManager());
  std::vector<SyncFinding> Out;
  // A directory's sync, left to fail quietly, is the best effort that the
  // rename check's fix-it and SQLite make: some file systems refuse fsync on
  // a directory. Whether it happens at all is that check's business.
  std::optional<FunctionFacts> DirFds;
  for (const Site &S : C.Sites) {
    if (!S.Discarded || S.IsClose)
      continue;
    if (!DirFds)
      DirFds = collectFacts(FD, Flags, Ctx);
    if (S.Call->getNumArgs() &&
        DirFds->isDirectoryFd(S.Call->getArg(0), Flags, Ctx))
      continue;
    Out.push_back(finding(SyncFinding::Ignored, S, SourceLocation()));
  }
  bool Flows = llvm::any_of(C.Sites, [](const Site &S) {
    return S.Var || S.IsClose || !S.Target.empty();
  });
  std::unique_ptr<CFG> G = Flows ? buildFunctionCFG(FD, Ctx) : nullptr;
  if (G) {
    // The failure tests read a local through the call it was assigned.
    FunctionFacts Facts;
    for (const Site &S : C.Sites)
      if (S.Var)
        Facts.CallResultVars[S.Var] = S.Call;
    Transfer T(C.Sites, C, Facts, Ctx);
    auto Follows = [](const CFGBlock &B, const CFGBlock &) {
      return !B.hasNoReturnElement();
    };
    std::vector<std::optional<llvm::BitVector>> In =
        solveForward(*G, llvm::BitVector(T.L.size()), unionInto, T, Follows);
    std::set<std::tuple<unsigned, unsigned, SourceLocation>> Found;
    std::set<unsigned> ClosesAfterWrites;
    T.Found = &Found;
    T.ClosesAfterWrites = &ClosesAfterWrites;
    for (const CFGBlock *B : *G)
      if (In[B->getBlockID()]) {
        llvm::BitVector S = *In[B->getBlockID()];
        T.apply(*B, S);
      }
    if (const std::optional<llvm::BitVector> &AtExit =
            In[G->getExit().getBlockID()])
      for (unsigned I = 0; I < C.Sites.size(); ++I)
        if (AtExit->test(T.L.pending(I)))
          Found.insert({SyncFinding::NeverRead, I, SourceLocation()});
    for (unsigned I : ClosesAfterWrites)
      if (C.Sites[I].Discarded)
        Found.insert({SyncFinding::Ignored, I, SourceLocation()});
    for (const auto &[Kind, I, Other] : Found)
      if (!C.Sites[I].IsClose || ClosesAfterWrites.count(I))
        Out.push_back(finding(Kind, C.Sites[I], Other));
  }
  // By place, so that the order does not depend on addresses.
  const SourceManager &SM = Ctx.getSourceManager();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    if (A.isInvalid() || B.isInvalid())
      return A.isInvalid() && B.isValid();
    return SM.isBeforeInTranslationUnit(A, B);
  };
  llvm::sort(Out, [&](const SyncFinding &A, const SyncFinding &B) {
    if (A.Call != B.Call)
      return Before(A.Call->getBeginLoc(), B.Call->getBeginLoc());
    if (A.Kind != B.Kind)
      return A.Kind < B.Kind;
    return Before(A.Other, B.Other);
  });
  return Out;
}

} // namespace durcheck
