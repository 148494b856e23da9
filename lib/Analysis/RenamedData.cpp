//===- RenamedData.cpp - Data renamed into place before it is synced ------===//
//
// In the order of UninitializedValues: what the function holds (the files
// it opens and what each call does to them), the per-block state, the
// transfer, the worklist to a fixpoint, and the report at each rename.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/RenamedData.h"
#include "AncestorVisitor.h"
#include "ForwardWorklist.h"
#include "durcheck/Analysis/CFGBuild.h"
#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/HandleKey.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

using namespace clang;

namespace durcheck {
namespace {

//===-- Handles and the calls that act on them ----------------------------===//

// fileno(f): the FILE * under an fd.
const Expr *filenoOf(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  return Call && Call->getNumArgs() == 1 && model::calleeName(Call) == "fileno"
             ? Call->getArg(0)
             : nullptr;
}

bool inSystemHeader(const Decl &D, const SourceManager &SM) {
  return SM.isInSystemHeader(SM.getExpansionLoc(D.getLocation()));
}

bool listed(const std::vector<std::string> &Names, const FunctionDecl &F) {
  if (Names.empty() || !F.getDeclName().isIdentifier())
    return false;
  std::string Qualified = F.getQualifiedNameAsString();
  return llvm::any_of(Names, [&](const std::string &N) {
    return N == F.getName() || N == Qualified;
  });
}

// Project helpers such as pg_fsync or redis_fsync, whose bodies live in
// another unit: their name says what they do.
bool namedLikeSync(const FunctionDecl &F) {
  if (!F.getDeclName().isIdentifier())
    return false;
  std::string Name = F.getName().lower();
  return StringRef(Name).contains("fsync") ||
         StringRef(Name).contains("fdatasync");
}

// The stdio calls that write to a FILE *, with the argument that is it.
std::optional<unsigned> stdioWriteArg(StringRef Name, unsigned NumArgs) {
  static constexpr std::pair<StringRef, int> Writes[] = {
      {"fwrite", 3},        {"fwrite_unlocked", 3},
      {"fputs", 1},         {"fputc", 1},
      {"putc", 1},          {"fputs_unlocked", 1},
      {"fprintf", 0},       {"vfprintf", 0},
      {"fputws", 1},        {"fputwc", 1},
      {"fwprintf", 0},      {"putc_unlocked", 1},
      {"fputc_unlocked", 1}};
  for (const auto &[W, Arg] : Writes)
    if (Name == W && unsigned(Arg) < NumArgs)
      return unsigned(Arg);
  return std::nullopt;
}

// The stream a `<<` chain or a member call writes to: out in
// `out << a << b` and in `out.write(p, n)`.
const Expr *streamWritten(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    if (Op->getOperator() != OO_LessLess || Op->getNumArgs() != 2)
      return nullptr;
    const Expr *Left = Op->getArg(0)->IgnoreParenImpCasts();
    while (const auto *Inner = dyn_cast<CXXOperatorCallExpr>(Left)) {
      if (Inner->getOperator() != OO_LessLess || Inner->getNumArgs() != 2)
        return nullptr;
      Left = Inner->getArg(0)->IgnoreParenImpCasts();
    }
    return Left;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const CXXMethodDecl *MD = Member->getMethodDecl();
    if (MD && MD->getDeclName().isIdentifier() &&
        (MD->getName() == "write" || MD->getName() == "put"))
      return Member->getImplicitObjectArgument();
  }
  return nullptr;
}

// A stream's flush() or close(): its buffer reaches the kernel.
const Expr *streamFlushed(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *MD = Member ? Member->getMethodDecl() : nullptr;
  if (MD && MD->getDeclName().isIdentifier() &&
      (MD->getName() == "flush" || MD->getName() == "close"))
    return Member->getImplicitObjectArgument();
  return nullptr;
}

// What a call does to the file an argument names, as the arguments it
// writes through and syncs.
struct CallUse {
  std::vector<unsigned> Writes;
  std::vector<unsigned> Syncs;
  std::vector<unsigned> Flushes;
  std::vector<unsigned> RangeSyncs;
  std::vector<unsigned> Closes;
};

// What a call does whatever the unit's summaries say: the C library's
// calls, the options' functions, and a callee outside the unit named like a
// sync. None for a call of the unit's own function, which its summary
// answers.
std::optional<CallUse> fixedUseOf(const CallExpr &Call,
                                  const DataSyncPolicy &Policy,
                                  const SourceManager &SM) {
  CallUse U;
  if (model::writtenFd(&Call)) {
    U.Writes.push_back(0);
    return U;
  }
  if (model::syncedFd(&Call)) {
    U.Syncs.push_back(0);
    return U;
  }
  std::string Name = model::calleeName(&Call);
  if (std::optional<unsigned> Arg = stdioWriteArg(Name, Call.getNumArgs())) {
    U.Writes.push_back(*Arg);
    return U;
  }
  if (Name == "fflush" || Name == "fflush_unlocked") {
    U.Flushes.push_back(0);
    return U;
  }
  if (Name == "fclose") {
    U.Flushes.push_back(0);
    U.Closes.push_back(0);
    return U;
  }
  if (Name == "close") {
    U.Closes.push_back(0);
    return U;
  }
  if (Name == "sync_file_range") {
    U.RangeSyncs.push_back(0);
    return U;
  }
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Call.getNumArgs() == 0)
    return U;
  if (listed(Policy.SyncFunctions, *Callee)) {
    U.Syncs.push_back(0);
    return U;
  }
  if (listed(Policy.WriteFunctions, *Callee)) {
    U.Writes.push_back(0);
    return U;
  }
  if (Callee->getBuiltinID() || inSystemHeader(*Callee, SM))
    return U;
  if (Policy.summaryOf(*Callee))
    return std::nullopt;
  if (namedLikeSync(*Callee))
    for (unsigned I = 0; I < Call.getNumArgs(); ++I)
      U.Syncs.push_back(I);
  return U;
}

CallUse useOf(const CallExpr &Call, const DataSyncPolicy &Policy,
              const SourceManager &SM) {
  if (std::optional<CallUse> U = fixedUseOf(Call, Policy, SM))
    return std::move(*U);
  CallUse U;
  const FunctionDecl &Callee = *Call.getDirectCallee();
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    if (Policy.syncsArg(Callee, I))
      U.Syncs.push_back(I);
    if (Policy.writesArg(Callee, I))
      U.Writes.push_back(I);
  }
  return U;
}

// A callee the model, the policy and the unit know nothing of: a place
// where another unit may sync the file.
bool isUnseenCallee(const FunctionDecl &Callee, const DataSyncPolicy &Policy,
                    const ASTContext &Ctx) {
  return !Callee.hasBody() && !Callee.getBuiltinID() &&
         Callee.isExternallyVisible() &&
         !inSystemHeader(Callee, Ctx.getSourceManager()) &&
         !listed(Policy.SyncFunctions, Callee) &&
         !listed(Policy.WriteFunctions, Callee) && !namedLikeSync(Callee);
}

// What fixedUseOf and isUnseenCallee say of a callee, asked once per callee
// and argument count: a unit's calls go to far fewer callees than there
// are calls, and each answer spells the callee's name several times.
class CalleeMemo {
public:
  CalleeMemo(const DataSyncPolicy &Policy, const ASTContext &Ctx)
      : Policy(Policy), Ctx(Ctx) {}

  const std::optional<CallUse> &fixedUse(const CallExpr &Call) {
    auto [It, New] =
        Uses.try_emplace({Call.getDirectCallee(), Call.getNumArgs()});
    if (New)
      It->second = fixedUseOf(Call, Policy, Ctx.getSourceManager());
    return It->second;
  }
  bool unseen(const FunctionDecl &Callee) {
    auto [It, New] = Unseen.try_emplace(&Callee);
    if (New)
      It->second = isUnseenCallee(Callee, Policy, Ctx);
    return It->second;
  }

private:
  const DataSyncPolicy &Policy;
  const ASTContext &Ctx;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>,
                 std::optional<CallUse>>
      Uses;
  llvm::DenseMap<const FunctionDecl *, bool> Unseen;
};

//===-- Summaries ---------------------------------------------------------===//

// One flow-insensitive walk: a parameter is synced when the body syncs it,
// or opens it as a path and syncs what it opened; written when the body
// writes through it. What the body's calls do is settled once, but for the
// calls of the unit's own functions, which are read again as their
// summaries grow.
class SummaryWalk {
public:
  /// A call of a function of the unit, with the parameters its arguments
  /// carry: (argument, parameter it syncs, parameter it writes).
  struct HelperCall {
    const FunctionDecl *Callee;
    std::vector<
        std::tuple<unsigned, std::optional<unsigned>, std::optional<unsigned>>>
        Args;
  };

  SummaryWalk(const FunctionDecl &FD, const DataSyncPolicy &Policy)
      : FD(FD), Policy(Policy) {}

  /// Finds the body's calls and the handles it opens from a parameter. The
  /// walk reads statements alone: a RecursiveASTVisitor also walks each type
  /// the body spells, which was half the cost of the summaries. A lambda is
  /// a function of its own, summarised on its own.
  void walk(const Stmt *Body) {
    llvm::SmallVector<const Stmt *, 32> Work;
    if (Body)
      Work.push_back(Body);
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (isa<LambdaExpr>(S))
        continue;
      if (const auto *Call = dyn_cast<CallExpr>(S))
        Calls.push_back(Call);
      else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->getOpcode() == BO_Assign)
        noteOpen(BO->getRHS(), [&] { return handleKey(BO->getLHS()); });
      else if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
            noteOpen(VD->getInit(), [&] { return declKey(VD); });
      for (const Stmt *Child : S->children())
        if (Child)
          Work.push_back(Child);
    }
  }

  /// Settles what the calls the walk found do; true when one is a rename.
  bool classifyCalls(CalleeMemo &Memo) {
    std::set<unsigned> Syncs, Writes;
    bool Renames = false;
    for (const CallExpr *Call : Calls) {
      Renames = Renames || model::matchRename(Call).has_value();
      forwards(*Call, Memo, Fixed.Forwards);
      const std::optional<CallUse> &U = Memo.fixedUse(*Call);
      if (!U) {
        addHelperCall(*Call);
        continue;
      }
      for (unsigned I : U->Syncs)
        if (std::optional<unsigned> P = paramOrOpened(Call->getArg(I)))
          Syncs.insert(*P);
      for (unsigned I : U->Writes)
        if (std::optional<unsigned> P = paramOf(Call->getArg(I)))
          Writes.insert(*P);
    }
    Fixed.Syncs.assign(Syncs.begin(), Syncs.end());
    Fixed.Writes.assign(Writes.begin(), Writes.end());
    Calls.clear();
    OpenedFrom.clear();
    return Renames;
  }

  llvm::ArrayRef<HelperCall> helperCalls() const { return Helpers; }

  /// The summary, given the helpers' summaries so far.
  DataSyncSummary summary() const {
    DataSyncSummary Out = Fixed;
    for (const HelperCall &H : Helpers)
      for (const auto &[Arg, Synced, Written] : H.Args) {
        if (Synced && Policy.syncsArg(*H.Callee, Arg))
          Out.Syncs.push_back(*Synced);
        if (Written && Policy.writesArg(*H.Callee, Arg))
          Out.Writes.push_back(*Written);
      }
    for (std::vector<unsigned> *V : {&Out.Syncs, &Out.Writes}) {
      llvm::sort(*V);
      V->erase(std::unique(V->begin(), V->end()), V->end());
    }
    return Out;
  }

private:
  void addHelperCall(const CallExpr &Call) {
    HelperCall H{Call.getDirectCallee()->getCanonicalDecl(), {}};
    for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
      std::optional<unsigned> Synced = paramOrOpened(Call.getArg(I));
      std::optional<unsigned> Written = paramOf(Call.getArg(I));
      if (Synced || Written)
        H.Args.emplace_back(I, Synced, Written);
    }
    if (!H.Args.empty())
      Helpers.push_back(std::move(H));
  }

  void
  forwards(const CallExpr &Call, CalleeMemo &Memo,
           std::vector<std::tuple<const FunctionDecl *, unsigned, unsigned>>
               &Out) const {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (!Callee || !Memo.unseen(*Callee))
      return;
    for (unsigned I = 0; I < Call.getNumArgs(); ++I)
      if (std::optional<unsigned> P = paramOrOpened(Call.getArg(I))) {
        auto F = std::make_tuple(Callee->getCanonicalDecl(), I, *P);
        if (!llvm::is_contained(Out, F))
          Out.push_back(F);
      }
  }

  void noteOpen(const Expr *Init, llvm::function_ref<std::string()> KeyOf) {
    const auto *Call = dyn_cast<CallExpr>(Init->IgnoreParenCasts());
    std::optional<model::OpenCall> Open =
        Call ? model::matchOpen(Call) : std::nullopt;
    std::optional<unsigned> P = Open ? paramOf(Open->Path) : std::nullopt;
    if (!P)
      return;
    if (std::string Key = KeyOf(); !Key.empty())
      OpenedFrom[Key] = *P;
  }

  std::optional<unsigned> paramOf(const Expr *E) const {
    if (const Expr *File = filenoOf(E))
      E = File;
    E = model::stripPathWrappers(E);
    // f->fd and f->path are reached through the parameter f.
    while (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase()->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getDeclContext() != &FD)
      return std::nullopt;
    return Param->getFunctionScopeIndex();
  }

  std::optional<unsigned> paramOrOpened(const Expr *E) const {
    if (std::optional<unsigned> P = paramOf(E))
      return P;
    auto It = OpenedFrom.find(handleKey(filenoOf(E) ? filenoOf(E) : E));
    return It == OpenedFrom.end() ? std::nullopt
                                  : std::optional<unsigned>(It->second);
  }

  const FunctionDecl &FD;
  const DataSyncPolicy &Policy;
  std::vector<const CallExpr *> Calls;
  std::map<std::string, unsigned> OpenedFrom;
  DataSyncSummary Fixed;
  std::vector<HelperCall> Helpers;
};

} // namespace

void DataSyncPolicy::summarise(ArrayRef<const FunctionDecl *> Functions,
                               ASTContext &Ctx) {
  Summaries.clear();
  for (const FunctionDecl *FD : Functions)
    Summaries[FD->getCanonicalDecl()];
  std::vector<SummaryWalk> Walks;
  Walks.reserve(Functions.size());
  CalleeMemo Memo(*this, Ctx);
  llvm::DenseMap<const FunctionDecl *, std::vector<unsigned>> Callers;
  for (unsigned I = 0; I < Functions.size(); ++I) {
    Walks.emplace_back(*Functions[I], *this);
    Walks.back().walk(Functions[I]->getBody());
    if (Walks.back().classifyCalls(Memo))
      Renaming.insert(Functions[I]->getCanonicalDecl());
    for (const SummaryWalk::HelperCall &H : Walks.back().helperCalls())
      Callers[H.Callee].push_back(I);
  }
  // Summaries only grow, each by a parameter at most as often as it has
  // parameters: a function is read again only when a callee's grew.
  std::vector<unsigned> Work(Functions.size());
  std::iota(Work.rbegin(), Work.rend(), 0);
  while (!Work.empty()) {
    unsigned I = Work.back();
    Work.pop_back();
    const FunctionDecl *FD = Functions[I]->getCanonicalDecl();
    DataSyncSummary S = Walks[I].summary();
    DataSyncSummary &Old = Summaries[FD];
    if (S == Old)
      continue;
    Old = std::move(S);
    auto It = Callers.find(FD);
    if (It != Callers.end())
      llvm::append_range(Work, It->second);
  }
}

bool DataSyncPolicy::renames(const FunctionDecl &F) const {
  return Renaming.contains(F.getCanonicalDecl());
}

const DataSyncSummary *DataSyncPolicy::summaryOf(const FunctionDecl &F) const {
  auto It = Summaries.find(F.getCanonicalDecl());
  return It == Summaries.end() ? nullptr : &It->second;
}

bool DataSyncPolicy::syncsArg(const FunctionDecl &Callee, unsigned Arg) const {
  const DataSyncSummary *S = summaryOf(Callee);
  return S && llvm::is_contained(S->Syncs, Arg);
}

bool DataSyncPolicy::writesArg(const FunctionDecl &Callee, unsigned Arg) const {
  const DataSyncSummary *S = summaryOf(Callee);
  return S && llvm::is_contained(S->Writes, Arg);
}

namespace {

//===-- What the function holds -------------------------------------------===//

// A file the function opens by path into a handle.
struct Site {
  std::string Key;
  RenamedUnsynced::HandleKind Kind = RenamedUnsynced::Fd;
  std::optional<model::PathKey> Path;
  /// Opened with O_SYNC or O_DSYNC: every write is durable when it returns.
  bool WritesThrough = false;
  const Expr *Open = nullptr;
  const Expr *PathExpr = nullptr;
};

// Whether what Key names holds the site's handle: the handle itself, or a
// variable or field whose fields hold it (t for t.fd).
bool holds(const std::string &Key, const Site &S) {
  return !Key.empty() &&
         (S.Key == Key || StringRef(S.Key).starts_with(Key + "."));
}

// What one statement of the CFG does.
struct Action {
  enum KindType {
    Open,
    Write,
    Sync,
    SyncPath,
    Flush,
    RangeSync,
    Close,
    Rename,
    Unseen,
  };
  KindType Kind = Write;
  std::string Key;
  std::optional<model::PathKey> Path;
  unsigned Site = 0;
  /// A sync through fileno(), which misses what stdio buffers.
  bool ThroughFileno = false;
  /// For Unseen: the callee and argument.
  const FunctionDecl *Callee = nullptr;
  unsigned Arg = 0;

  static Action on(KindType Kind, std::string Key) {
    Action A;
    A.Kind = Kind;
    A.Key = std::move(Key);
    return A;
  }
};

class Collector : public AncestorVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const model::OpenFlags &Flags,
            const DataSyncPolicy &Policy)
      : Ctx(Ctx), Flags(Flags), Policy(Policy) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      addOpen(handleKey(BO->getLHS()), BO->getRHS());
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit())
      addOpen(declKey(VD), Init);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    std::string Name = model::calleeName(Call);
    if (Name == "close" || Name == "fclose" || model::matchRename(Call))
      Ancestors[Call] = Stack;
    return true;
  }

  // The actions of the calls; after the walk, once every site is known.
  void classifyCalls();

  std::vector<Site> Sites;
  llvm::DenseMap<const Stmt *, llvm::SmallVector<Action, 2>> Actions;
  llvm::DenseMap<const CallExpr *, std::vector<const Stmt *>> Ancestors;
  /// Writes, fflushes and closes, by handle key, in source order.
  std::map<std::string, std::vector<const CallExpr *>> Writes, Flushes, Closes;

private:
  void addOpen(const std::string &Key, const Expr *Init);
  void addFileActions(const CallExpr &Call, const CallUse &U);
  bool keyHasSite(const std::string &Key) const {
    return llvm::any_of(Sites, [&](const Site &S) { return holds(Key, S); });
  }
  bool pathHasSite(const model::PathKey &P) const {
    return llvm::any_of(Sites, [&](const Site &S) { return S.Path == P; });
  }

  ASTContext &Ctx;
  const model::OpenFlags &Flags;
  const DataSyncPolicy &Policy;
  std::vector<const CallExpr *> Calls;
};

void Collector::addOpen(const std::string &Key, const Expr *Init) {
  if (Key.empty())
    return;
  const Expr *E = Init->IgnoreParenCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParenCasts();
  std::optional<model::OpenCall> Open;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    Open = model::matchOpen(Call);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    Open = model::matchStreamOpen(Construct);
  if (!Open || (Open->Kind == model::OpenKind::Stream && !Open->StreamWrites))
    return;
  Site S;
  S.Key = Key;
  S.Open = E;
  S.PathExpr = Open->Path;
  S.Path = model::openedPathKey(*Open, Ctx);
  if (Open->Kind == model::OpenKind::FOpen)
    S.Kind = RenamedUnsynced::Stdio;
  else if (Open->Kind == model::OpenKind::Stream)
    S.Kind = RenamedUnsynced::Stream;
  if (Open->Flags && (Open->Kind == model::OpenKind::Open ||
                      Open->Kind == model::OpenKind::OpenAt)) {
    model::FlagSet Bits = Flags.evaluate(Open->Flags, Ctx, [](const VarDecl *) {
      return std::optional<model::FlagSet>();
    });
    S.WritesThrough =
        Bits.Must & (Flags.value("O_SYNC") | Flags.value("O_DSYNC"));
  }
  Action A;
  A.Kind = Action::Open;
  A.Site = Sites.size();
  Actions[E].push_back(A);
  Sites.push_back(std::move(S));
}

void Collector::classifyCalls() {
  const SourceManager &SM = Ctx.getSourceManager();
  // Streams opened by their open() method first: the writes look their
  // handles up.
  for (const CallExpr *Call : Calls)
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && model::matchStreamOpen(Member))
      addOpen(handleKey(Member->getImplicitObjectArgument()), Member);
  for (const CallExpr *Call : Calls) {
    if (std::optional<model::RenameCall> R = model::matchRename(Call)) {
      Action A;
      A.Kind = Action::Rename;
      A.Path = model::pathKeyOf(R->Source, Ctx);
      if (A.Path)
        Actions[Call].push_back(std::move(A));
      continue;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && model::matchStreamOpen(Member))
      continue;
    if (const Expr *Stream = streamWritten(*Call)) {
      std::string Key = handleKey(Stream);
      if (keyHasSite(Key)) {
        Actions[Call].push_back(Action::on(Action::Write, Key));
        Writes[Key].push_back(Call);
      }
      continue;
    }
    if (const Expr *Stream = streamFlushed(*Call)) {
      std::string Key = handleKey(Stream);
      if (keyHasSite(Key))
        Actions[Call].push_back(Action::on(Action::Flush, Key));
      continue;
    }
    addFileActions(*Call, useOf(*Call, Policy, SM));
  }
}

void Collector::addFileActions(const CallExpr &Call, const CallUse &U) {
  auto KeyOf = [&](unsigned I) {
    const Expr *Arg = Call.getArg(I)->IgnoreParenImpCasts();
    if (const Expr *File = filenoOf(Arg))
      Arg = File;
    // A helper handed &f reaches the handles in f's fields.
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf)
      Arg = UO->getSubExpr();
    return handleKey(Arg);
  };
  auto Add = [&](Action::KindType Kind, unsigned I,
                 std::map<std::string, std::vector<const CallExpr *>> *Log) {
    std::string Key = KeyOf(I);
    if (!keyHasSite(Key))
      return false;
    Action A = Action::on(Kind, Key);
    A.ThroughFileno = filenoOf(Call.getArg(I)) != nullptr;
    Actions[&Call].push_back(std::move(A));
    if (Log)
      (*Log)[Key].push_back(&Call);
    return true;
  };
  for (unsigned I : U.Writes)
    Add(Action::Write, I, &Writes);
  for (unsigned I : U.Flushes)
    Add(Action::Flush, I, &Flushes);
  for (unsigned I : U.RangeSyncs)
    Add(Action::RangeSync, I, nullptr);
  for (unsigned I : U.Syncs) {
    if (Add(Action::Sync, I, nullptr))
      continue;
    // A path the helper opens and syncs itself.
    std::optional<model::PathKey> P = model::pathKeyOf(Call.getArg(I), Ctx);
    if (P && pathHasSite(*P)) {
      Action A = Action::on(Action::SyncPath, "");
      A.Path = P;
      Actions[&Call].push_back(std::move(A));
    }
  }
  for (unsigned I : U.Closes)
    Add(Action::Close, I, &Closes);
  // A callee this unit cannot see, handed the file: another unit may sync
  // it.
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !U.Syncs.empty() || !isUnseenCallee(*Callee, Policy, Ctx))
    return;
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    Action A;
    A.Kind = Action::Unseen;
    A.Callee = Callee;
    A.Arg = I;
    A.Key = KeyOf(I);
    if (!keyHasSite(A.Key)) {
      A.Key.clear();
      A.Path = model::pathKeyOf(Call.getArg(I), Ctx);
      if (!A.Path || !pathHasSite(*A.Path))
        continue;
    }
    Actions[&Call].push_back(std::move(A));
  }
}

//===-- Per-block state ---------------------------------------------------===//

// Four bits a site: its handle holds it (Live), it was written and not
// synced since (Dirty), stdio or a stream still buffers some of it
// (Buffered), and sync_file_range is all that followed the write (Range).
struct Layout {
  unsigned N;
  unsigned live(unsigned I) const { return I; }
  unsigned dirty(unsigned I) const { return N + I; }
  unsigned buffered(unsigned I) const { return 2 * N + I; }
  unsigned range(unsigned I) const { return 3 * N + I; }
  unsigned size() const { return 4 * N; }
};

//===-- Transfer ----------------------------------------------------------===//

class Transfer {
public:
  Transfer(const Collector &C,
           const llvm::SmallPtrSetImpl<const VarDecl *> &StatusFlags)
      : L{unsigned(C.Sites.size())}, C(C), StatusFlags(StatusFlags) {}

  void apply(const CFGBlock &B, llvm::BitVector &S) const {
    for (const CFGElement &E : B) {
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>()) {
        auto It = C.Actions.find(CS->getStmt());
        if (It != C.Actions.end())
          for (const Action &A : It->second)
            act(A, CS->getStmt(), S);
      } else if (std::optional<CFGAutomaticObjDtor> D =
                     E.getAs<CFGAutomaticObjDtor>()) {
        // A stream's destructor flushes it.
        act(Action::on(Action::Flush, declKey(D->getVarDecl())), nullptr, S);
      }
    }
  }
  // `ok && step` skips the step once a status flag is false: that branch
  // is an error path, whose data no later rename on it publishes.
  void applyEdge(const CFGBlock &B, unsigned SuccIndex,
                 llvm::BitVector &S) const {
    const Expr *Cond = B.succ_size() == 2 ? B.getLastCondition() : nullptr;
    const auto *Ref =
        Cond ? dyn_cast<DeclRefExpr>(Cond->IgnoreParenImpCasts()) : nullptr;
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (SuccIndex == 1 && VD && StatusFlags.contains(VD))
      for (unsigned I = 0; I < L.N; ++I) {
        S.reset(L.dirty(I));
        S.reset(L.buffered(I));
        S.reset(L.range(I));
      }
  }

  /// Set for the last walk over the solved states, to report.
  std::vector<std::pair<const CallExpr *, llvm::BitVector>> *Renames = nullptr;
  /// Per site, the unseen callees handed it while dirty: (callee,
  /// argument, the call).
  std::map<unsigned,
           std::set<std::tuple<const FunctionDecl *, unsigned, const Stmt *>>>
      *Unseen = nullptr;
  Layout L;

private:
  template <typename Fn>
  void eachLive(const std::string &Key, const llvm::BitVector &S, Fn F) const {
    for (unsigned I = 0; I < L.N; ++I)
      if (holds(Key, C.Sites[I]) && S.test(L.live(I)))
        F(I);
  }

  void clean(unsigned I, llvm::BitVector &S) const {
    if (S.test(L.buffered(I)))
      return;
    S.reset(L.dirty(I));
    S.reset(L.range(I));
  }

  // Every fd of a path reaches the same inode: a sync of one syncs the
  // data written through the others.
  void syncPath(const std::optional<model::PathKey> &P,
                llvm::BitVector &S) const {
    if (!P)
      return;
    for (unsigned J = 0; J < L.N; ++J)
      if (C.Sites[J].Path == P)
        clean(J, S);
  }

  void act(const Action &A, const Stmt *At, llvm::BitVector &S) const {
    switch (A.Kind) {
    case Action::Open:
      for (unsigned J = 0; J < L.N; ++J)
        if (C.Sites[J].Key == C.Sites[A.Site].Key)
          S.reset(L.live(J));
      S.set(L.live(A.Site));
      S.reset(L.dirty(A.Site));
      S.reset(L.buffered(A.Site));
      S.reset(L.range(A.Site));
      return;
    case Action::Write:
      eachLive(A.Key, S, [&](unsigned I) {
        if (C.Sites[I].WritesThrough)
          return;
        S.set(L.dirty(I));
        S.reset(L.range(I));
        if (C.Sites[I].Kind != RenamedUnsynced::Fd)
          S.set(L.buffered(I));
      });
      return;
    case Action::Sync: {
      llvm::SmallVector<unsigned, 2> Synced;
      eachLive(A.Key, S, [&](unsigned I) {
        // A helper handed the FILE * flushes it before it syncs.
        if (!A.ThroughFileno)
          S.reset(L.buffered(I));
        if (!S.test(L.buffered(I)))
          Synced.push_back(I);
      });
      for (unsigned I : Synced)
        syncPath(C.Sites[I].Path, S);
      return;
    }
    case Action::SyncPath:
      syncPath(A.Path, S);
      return;
    case Action::Flush:
      eachLive(A.Key, S, [&](unsigned I) { S.reset(L.buffered(I)); });
      return;
    case Action::RangeSync:
      eachLive(A.Key, S, [&](unsigned I) {
        if (S.test(L.dirty(I)))
          S.set(L.range(I));
      });
      return;
    case Action::Close:
      return;
    case Action::Rename:
      if (Renames)
        Renames->push_back({cast<CallExpr>(At), S});
      return;
    case Action::Unseen:
      if (!Unseen)
        return;
      for (unsigned I = 0; I < L.N; ++I)
        if (S.test(L.dirty(I)) &&
            (A.Key.empty() ? C.Sites[I].Path == A.Path
                           : holds(A.Key, C.Sites[I]) && S.test(L.live(I))))
          (*Unseen)[I].insert({A.Callee, A.Arg, At});
      return;
    }
  }

  const Collector &C;
  const llvm::SmallPtrSetImpl<const VarDecl *> &StatusFlags;
};

//===-- Report ------------------------------------------------------------===//

bool before(const SourceManager &SM, const Stmt *A, const Stmt *B) {
  return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
}

// The first call of a log after From and before To, in source order.
const CallExpr *firstBetween(const std::vector<const CallExpr *> *Log,
                             const Stmt *From, const Stmt *To,
                             const SourceManager &SM) {
  if (!Log)
    return nullptr;
  for (const CallExpr *Call : *Log)
    if (before(SM, From, Call) && (!To || before(SM, Call, To)))
      return Call;
  return nullptr;
}

const std::vector<const CallExpr *> *
logOf(const std::map<std::string, std::vector<const CallExpr *>> &Logs,
      const std::string &Key) {
  auto It = Logs.find(Key);
  return It == Logs.end() ? nullptr : &It->second;
}

// A stream's destructor flushes it: where the function holds one, its CFG
// has the destructors too.
std::unique_ptr<CFG> cfgOf(const FunctionDecl &FD, ASTContext &Ctx,
                           const Collector &C) {
  if (llvm::none_of(C.Sites, [](const Site &S) {
        return S.Kind == RenamedUnsynced::Stream;
      }))
    return buildFunctionCFG(FD, Ctx);
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  Options.AddImplicitDtors = true;
  return CFG::buildCFG(&FD, FD.getBody(), &Ctx, Options);
}

// The last close of the handle between the write and the rename that is
// on the way to the rename: in a block that holds the rename too, not in a
// branch that leaves on failure.
const CallExpr *closeBefore(const Collector &C, const std::string &Key,
                            const Stmt *Write, const CallExpr *Rename,
                            const SourceManager &SM) {
  const std::vector<const CallExpr *> *Log = logOf(C.Closes, Key);
  std::vector<const Stmt *> RenameAncestors = C.Ancestors.lookup(Rename);
  const CallExpr *Last = nullptr;
  for (const CallExpr *Close : Log ? *Log : std::vector<const CallExpr *>()) {
    if (!before(SM, Write, Close) || !before(SM, Close, Rename))
      continue;
    std::vector<const Stmt *> Ancestors = C.Ancestors.lookup(Close);
    auto Block = llvm::find_if(llvm::reverse(Ancestors), [](const Stmt *S) {
      return isa<CompoundStmt>(S);
    });
    if (Block != Ancestors.rend() &&
        llvm::is_contained(RenameAncestors, *Block))
      Last = Close;
  }
  return Last;
}

} // namespace

std::vector<RenamedUnsynced> findRenamedUnsynced(const FunctionDecl &FD,
                                                 ASTContext &Ctx,
                                                 const model::OpenFlags &Flags,
                                                 const DataSyncPolicy &Policy) {
  // Only a function that renames can rename unsynced data.
  if (!Policy.renames(FD))
    return {};
  Collector C(Ctx, Flags, Policy);
  C.TraverseStmt(FD.getBody());
  if (C.Sites.empty())
    return {};
  C.classifyCalls();
  bool Renames = llvm::any_of(C.Actions, [](const auto &Entry) {
    return llvm::any_of(
        Entry.second, [](const Action &A) { return A.Kind == Action::Rename; });
  });
  if (!Renames || C.Writes.empty())
    return {};
  std::unique_ptr<CFG> G = cfgOf(FD, Ctx, C);
  if (!G)
    return {};
  FunctionFacts Facts = collectFacts(FD, Flags, Ctx);
  Transfer T(C, Facts.StatusFlags);
  auto Follows = [](const CFGBlock &B, const CFGBlock &) {
    return !B.hasNoReturnElement();
  };
  std::vector<std::optional<llvm::BitVector>> In =
      solveForward(*G, llvm::BitVector(T.L.size()), unionInto, T, Follows);
  std::vector<std::pair<const CallExpr *, llvm::BitVector>> AtRenames;
  std::map<unsigned,
           std::set<std::tuple<const FunctionDecl *, unsigned, const Stmt *>>>
      Unseen;
  T.Renames = &AtRenames;
  T.Unseen = &Unseen;
  for (const CFGBlock *B : *G)
    if (In[B->getBlockID()]) {
      llvm::BitVector S = *In[B->getBlockID()];
      T.apply(*B, S);
    }
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<RenamedUnsynced> Out;
  for (const auto &[Call, S] : AtRenames) {
    std::optional<model::RenameCall> R = model::matchRename(Call);
    std::optional<model::PathKey> Source = model::pathKeyOf(R->Source, Ctx);
    // The latest open of the renamed path that some path leaves unsynced.
    std::optional<unsigned> Found;
    for (unsigned I = 0; I < T.L.N; ++I)
      if (S.test(T.L.dirty(I)) && C.Sites[I].Path == Source)
        Found = I;
    if (!Found)
      continue;
    const Site &Site = C.Sites[*Found];
    RenamedUnsynced F;
    F.Rename = Call;
    F.Source = R->Source;
    F.Dest = R->Dest;
    F.Kind = Site.Kind;
    F.Open = Site.Open;
    F.OpenedPath = Site.PathExpr;
    F.Write = firstBetween(logOf(C.Writes, Site.Key), Site.Open, Call, SM);
    if (!F.Write)
      continue;
    F.Flush = firstBetween(logOf(C.Flushes, Site.Key), F.Write, Call, SM);
    if (F.Kind == RenamedUnsynced::Stdio && F.Flush &&
        model::calleeName(F.Flush) == "fclose")
      F.Flush = nullptr;
    F.Close = closeBefore(C, Site.Key, F.Write, Call, SM);
    if (F.Close)
      F.CloseAncestors = C.Ancestors.lookup(F.Close);
    F.OnlyRangeSynced = S.test(T.L.range(*Found));
    // Only a helper before the rename can sync the data in time.
    for (const auto &[Callee, Arg, At] : Unseen[*Found])
      if (before(SM, At, Call) &&
          !llvm::is_contained(F.Unseen, std::make_pair(Callee, Arg)))
        F.Unseen.push_back({Callee, Arg});
    Out.push_back(std::move(F));
  }
  llvm::sort(Out, [&](const RenamedUnsynced &A, const RenamedUnsynced &B) {
    return before(SM, A.Rename, B.Rename);
  });
  return Out;
}

} // namespace durcheck
