//===- RenameGraphBuilder.cpp - The rename graph of a function ------------===//

#include "durcheck/Analysis/RenameGraphBuilder.h"
#include "durcheck/Analysis/CFGBuild.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Analysis/Spelling.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace clang;

namespace durcheck::rename {
namespace {

constexpr unsigned MaxGuards = 3;

bool inSystemHeader(const Decl &D, const SourceManager &SM) {
  return SM.isInSystemHeader(SM.getExpansionLoc(D.getLocation()));
}

// A call through a member that is dispatched at run time.
const CXXMethodDecl *virtualCallee(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *MD = Member ? Member->getMethodDecl() : nullptr;
  if (!MD || !MD->isVirtual() || MD->hasAttr<FinalAttr>() ||
      MD->getParent()->hasAttr<FinalAttr>())
    return nullptr;
  // A qualified call, Base::f(), is not dispatched.
  const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
  return ME && !ME->hasQualifier() ? MD : nullptr;
}

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

// A std::function held in a field or variable, called: `fn(a, b)`.
const Expr *functionObjectCalled(const CallExpr &Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
  if (!MD || MD->getParent()->getQualifiedNameAsString() != "std::function")
    return nullptr;
  return Op->getArg(0);
}

// How a call names its callee in a message: the callee expression as
// written, `env->RenameFile`, `ops->rename`, `mv`.
std::string calleeSpelling(const CallExpr &Call, const ASTContext &Ctx) {
  const Expr *Callee = Call.getCallee();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getOperator() == OO_Call)
    Callee = Op->getArg(0);
  std::optional<StringRef> Text =
      sourceText(Callee->IgnoreImplicit()->getSourceRange(), Ctx);
  if (!Text || Text->size() > 40 || Text->contains('\n'))
    return {};
  return Text->str();
}

Leave leavePointOf(const CFGBlock &B, const FunctionDecl &FD,
                   crosstu::Locations &Locs) {
  for (auto It = B.rbegin(); It != B.rend(); ++It)
    if (std::optional<CFGStmt> CS = It->getAs<CFGStmt>()) {
      if (const auto *Ret = dyn_cast<ReturnStmt>(CS->getStmt()))
        return {LeaveKind::Return, Locs.locate(Ret->getBeginLoc())};
      break;
    }
  return {LeaveKind::EndOfBody, Locs.locate(FD.getBodyRBrace())};
}

} // namespace

//===-- One function ------------------------------------------------------===//

class GraphBuilder::FunctionBuild {
public:
  FunctionBuild(GraphBuilder &B, const FunctionDecl &FD)
      : B(B), FD(FD), Facts(collectFacts(FD, B.Flags, B.Ctx)) {}

  const FunctionDecl &function() const { return FD; }
  const FunctionFacts &facts() const { return Facts; }
  std::optional<FunctionGraph> run();
  /// Whether something here matters of itself, whatever the unit's
  /// internal callees do; and those callees.
  bool mattersAlone(llvm::SmallVectorImpl<const FunctionDecl *> &Callees) const;
  void recordStores();

private:
  FunctionGraph returnsOnly() const;
  FunctionGraph describe(FunctionGraph Out) const;
  AccessPath valueOf(const Expr *E);
  AccessPath elementOf(const clang::ArraySubscriptExpr &Sub);
  SpelledValue spelled(const Expr *E);
  SpelledValue argument(const Expr *E);
  std::vector<SpelledValue> globalArguments(const CallExpr &Call);
  std::optional<int64_t> constantOf(const Expr *E) const;
  std::optional<std::string> slotOf(const Expr *E);
  std::optional<SpelledValue> fileHeldBy(const Expr *Fd);
  std::optional<SpelledValue> directoryHeldBy(const Expr *Fd);
  std::optional<SyncedDirectory> helperDirectory(const CallExpr &Call,
                                                 const FunctionDecl &Callee,
                                                 bool Flagged);
  Event dirSync(std::optional<SyncedDirectory> Dir, const CallExpr &Call);
  std::optional<Event> eventOf(const Stmt &S);
  std::optional<Event> eventOfCall(const CallExpr &Call);
  std::optional<Event> callEvent(const CallExpr &Call);
  bool createsNew(const model::OpenCall &Open, const CallExpr &Call);
  bool mayMatter(const CallExpr &Call) const;
  void anchor(Event &E, const CallExpr &Call);
  std::optional<std::pair<AccessPath, bool>> guardTest(const Expr *Cond);
  bool written(const AccessPath &P);
  void chooseGuards(const CFG &G);
  void addEdges(const CFG &G, const CFGBlock &CB, Block &Out);

  GraphBuilder &B;
  const FunctionDecl &FD;
  FunctionFacts Facts;
  FunctionGraph Graph;
  llvm::DenseMap<const VarDecl *, unsigned> Locals;
  llvm::DenseMap<const CFGBlock *, unsigned> Index;
  std::optional<std::vector<AccessPath>> WrittenValues;
};

AccessPath GraphBuilder::FunctionBuild::valueOf(const Expr *E) {
  AccessPath P;
  if (!E)
    return P;
  E = model::stripPathWrappers(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
    return valueOf(UO->getSubExpr());
  if (isa<CXXThisExpr>(E)) {
    P.Root = AccessPath::This;
    return P;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return valueOf(nullptr);
    P = valueOf(Member->getBase());
    if (P.known())
      P.Fields.push_back({Field->getParent()->getQualifiedNameAsString() +
                              "::" + Field->getName().str(),
                          Member->isArrow()});
    return P;
  }
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
    return elementOf(*Sub);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
        Param && Param->getDeclContext() == &FD) {
      P.Root = AccessPath::Param;
      P.Index = Param->getFunctionScopeIndex();
      return P;
    }
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (VD && VD->hasLocalStorage()) {
      P.Root = AccessPath::Local;
      P.Index = Locals.try_emplace(VD, Locals.size()).first->second;
      return P;
    }
  }
  // Literals, constants, macros and globals mean the same in every unit,
  // as the path keys of the O_DIRECT check do.
  std::optional<model::PathKey> Key = model::pathKeyOf(E, B.Ctx);
  if (!Key)
    return P;
  switch (Key->Kind) {
  case model::PathKey::Literal:
    P.Root = AccessPath::Literal;
    break;
  case model::PathKey::Macro:
    P.Root = AccessPath::Macro;
    break;
  case model::PathKey::Global:
    P.Root = AccessPath::Global;
    break;
  case model::PathKey::Field:
  case model::PathKey::Local:
  case model::PathKey::Built:
    return P;
  }
  P.Name = Key->Text;
  return P;
}

// names[2] reaches an element the callers can name too; names[i] one that
// only this function can, while i keeps its value.
AccessPath
GraphBuilder::FunctionBuild::elementOf(const ArraySubscriptExpr &Sub) {
  AccessPath Base = valueOf(Sub.getBase());
  if (!Base.known())
    return Base;
  if (std::optional<int64_t> Index = constantOf(Sub.getIdx())) {
    Base.Fields.push_back({"[" + std::to_string(*Index) + "]", false});
    return Base;
  }
  AccessPath Index = valueOf(Sub.getIdx());
  if (!Index.known())
    return AccessPath();
  std::string Key = llvm::formatv("{0}[{1}]", llvm::json::Value(toJSON(Base)),
                                  llvm::json::Value(toJSON(Index)))
                        .str();
  AccessPath Element;
  Element.Root = AccessPath::Local;
  Element.Name = std::move(Key);
  return Element;
}

SpelledValue GraphBuilder::FunctionBuild::spelled(const Expr *E) {
  SpelledValue V{valueOf(E), spellingOf(*E, B.Ctx)};
  // An expression a message cannot name, that a fix cannot evaluate again,
  // has nothing to spell.
  if (!V.Value.known() && V.Spelled.Message.empty() && !V.Spelled.Pure)
    V.Spelled = Spelling();
  return V;
}

// An argument of a call, spelled as a caller may need it: a number or a
// message to print -- the calls of error and logging functions are full
// of them -- names no file.
SpelledValue GraphBuilder::FunctionBuild::argument(const Expr *E) {
  // A number names no file; it only matters as a flag a callee tests.
  if (E->getType()->isArithmeticType()) {
    AccessPath P = valueOf(E);
    if (!llvm::is_contained(
            {AccessPath::Param, AccessPath::This, AccessPath::Global}, P.Root))
      P = AccessPath();
    return {std::move(P), {}};
  }
  SpelledValue V = spelled(E);
  if (V.Value.Root == AccessPath::Literal && model::isMessageText(V.Value.Name))
    return SpelledValue();
  return V;
}

// The arguments of a directory sync held by globals (tar->path): the
// creation analysis matches them with files created elsewhere.
std::vector<SpelledValue>
GraphBuilder::FunctionBuild::globalArguments(const CallExpr &Call) {
  std::vector<SpelledValue> Globals;
  for (const Expr *Arg : Call.arguments())
    if (SpelledValue V = argument(Arg); V.Value.Root == AccessPath::Global)
      Globals.push_back(std::move(V));
  return Globals;
}

// The file an fd was opened from: `fd = open(tmp, ...)`, or fileno(fp)
// with `fp = fopen(tmp, "w")`; nullopt when it cannot be told.
std::optional<SpelledValue>
GraphBuilder::FunctionBuild::fileHeldBy(const Expr *Fd) {
  Fd = Fd->IgnoreParenCasts();
  if (const auto *Call = dyn_cast<CallExpr>(Fd)) {
    if (model::calleeName(Call) == "fileno" && Call->getNumArgs() == 1)
      return fileHeldBy(Call->getArg(0));
    if (std::optional<model::OpenCall> Open = model::matchOpen(Call))
      return spelled(Open->Path);
    return std::nullopt;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(Fd);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (const CallExpr *Source = VD ? Facts.CallResultVars.lookup(VD) : nullptr)
    return fileHeldBy(Source);
  return std::nullopt;
}

// The directory a directory fd was opened from, where every read of the
// fd holds that one open's result: `d = open(".", O_DIRECTORY)` once, or
// dirfd(opendir(dir)).
std::optional<SpelledValue>
GraphBuilder::FunctionBuild::directoryHeldBy(const Expr *Fd) {
  Fd = Fd->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Fd)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    const CallExpr *Source = VD && Facts.StoredOnce.contains(VD)
                                 ? Facts.CallResultVars.lookup(VD)
                                 : nullptr;
    return Source ? directoryHeldBy(Source) : std::nullopt;
  }
  const auto *Call = dyn_cast<CallExpr>(Fd);
  if (!Call || Call->getNumArgs() < 1)
    return std::nullopt;
  if (model::isDirfdCall(Call))
    return directoryHeldBy(Call->getArg(0));
  if (model::calleeName(Call) == "opendir")
    return spelled(Call->getArg(0));
  std::optional<model::OpenCall> Open = model::matchOpen(Call);
  if (!Open || (Open->DirFd && constantOf(Open->DirFd) != model::AtFdCwd))
    return std::nullopt;
  return spelled(Open->Path);
}

// The directory a trusted helper syncs: the path handed with a directory
// flag (fsync_fname(path, true)), or the parent of the DirSyncFunction
// helper's file. Other helpers' arguments say nothing certain.
std::optional<SyncedDirectory> GraphBuilder::FunctionBuild::helperDirectory(
    const CallExpr &Call, const FunctionDecl &Callee, bool Flagged) {
  if (Flagged) {
    const Expr *Path = nullptr;
    for (const Expr *Arg : Call.arguments())
      if (Arg->getType()->isPointerType()) {
        if (Path)
          return std::nullopt;
        Path = Arg;
      }
    if (Path)
      return SyncedDirectory{spelled(Path), false};
    return std::nullopt;
  }
  if (!B.Policy.Helper.empty() && Call.getNumArgs() == 1 &&
      Callee.getDeclName().isIdentifier() &&
      (Callee.getName() == B.Policy.Helper ||
       Callee.getQualifiedNameAsString() == B.Policy.Helper))
    return SyncedDirectory{spelled(Call.getArg(0)), true};
  return std::nullopt;
}

// A directory sync, which names its directory where a caller can tell it
// from another: a parameter, a global, a literal.
Event GraphBuilder::FunctionBuild::dirSync(std::optional<SyncedDirectory> Dir,
                                           const CallExpr &Call) {
  Event E;
  E.Kind = EventKind::DirSync;
  if (Dir && Dir->Value.Value.visibleToCallers()) {
    E.Directory = std::move(Dir);
    anchor(E, Call);
  }
  return E;
}

std::optional<int64_t>
GraphBuilder::FunctionBuild::constantOf(const Expr *E) const {
  if (E->isValueDependent() || E->containsErrors())
    return std::nullopt;
  if (E->getType()->isPointerType())
    return E->isNullPointerConstant(B.Ctx, Expr::NPC_ValueDependentIsNotNull)
               ? std::optional<int64_t>(0)
               : std::nullopt;
  if (!E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, B.Ctx))
    return std::nullopt;
  return R.Val.getInt().getExtValue();
}

// The key of a variable, field or array that holds functions to call.
std::optional<std::string> GraphBuilder::FunctionBuild::slotOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    return slotOf(UO->getSubExpr());
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E)) {
    std::optional<std::string> Base = slotOf(Sub->getBase());
    return Base ? std::optional<std::string>(*Base + "[]") : std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return Field->getParent()->getQualifiedNameAsString() +
             "::" + Field->getName().str();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD)
    return std::nullopt;
  if (VD->hasLocalStorage() || VD->isStaticLocal())
    return "@" + B.Names(FD) + "/" + VD->getName().str();
  std::optional<model::PathKey> Key = model::pathKeyOf(Ref, B.Ctx);
  if (!Key || Key->Kind != model::PathKey::Global)
    return std::nullopt;
  return VD->isExternallyVisible() ? Key->Text : "@" + Key->Text;
}

// Whether a call can say anything to the analysis; calls of the system
// headers' functions it does not model cannot.
bool GraphBuilder::FunctionBuild::mayMatter(const CallExpr &Call) const {
  if (Call.containsErrors())
    return false;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || functionObjectCalled(Call))
    return true;
  // fopen and the like are library builtins too.
  if (model::matchRename(&Call) || model::isFileSystemSync(&Call) ||
      model::syncedFd(&Call) || model::matchOpen(&Call) ||
      (B.Creations && model::removedPath(&Call)))
    return true;
  if (Callee->getBuiltinID() ||
      inSystemHeader(*Callee, B.Ctx.getSourceManager()))
    return false;
  const FunctionDecl *Canonical = Callee->getCanonicalDecl();
  return !B.Defined.contains(Canonical) || B.Relevant.contains(Canonical) ||
         B.Policy.trusts(*Callee) || DirSyncPolicy::flagsDirectory(Call, B.Ctx);
}

bool GraphBuilder::FunctionBuild::mattersAlone(
    llvm::SmallVectorImpl<const FunctionDecl *> &Callees) const {
  bool Matters = Facts.Throws || !Facts.StreamOpens.empty();
  for (const CallExpr *Call : Facts.Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && B.Defined.contains(Callee->getCanonicalDecl()))
      Callees.push_back(Callee->getCanonicalDecl());
    // A call that never returns ends paths, which callers learn of. Until
    // the relevant functions are known, no callee the unit defines matters.
    Matters = Matters || (Callee && Callee->isNoReturn()) || mayMatter(*Call);
  }
  return Matters;
}

void GraphBuilder::FunctionBuild::anchor(Event &E, const CallExpr &Call) {
  E.Anchor = int(Graph.Anchors.size());
  Graph.Anchors.push_back(B.MakeAnchor(Call, Facts));
}

std::optional<Event>
GraphBuilder::FunctionBuild::callEvent(const CallExpr &Call) {
  Event E;
  E.Kind = EventKind::Call;
  const FunctionDecl *Callee = Call.getDirectCallee();
  const SourceManager &SM = B.Ctx.getSourceManager();
  if (const CXXMethodDecl *Virtual = virtualCallee(Call)) {
    E.Target = {Callee::Virtual, B.Names(*Virtual),
                calleeSpelling(Call, B.Ctx)};
  } else if (Callee) {
    if (inSystemHeader(*Callee, SM))
      return std::nullopt;
    E.Target = {Callee::Direct, B.Names(*Callee), ""};
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
        MD && MD->getParent()->isLambda())
      E.Target.Display = calleeSpelling(Call, B.Ctx);
  } else if (std::optional<std::string> Slot = slotOf(Call.getCallee())) {
    E.Target = {Callee::Slot, *Slot, calleeSpelling(Call, B.Ctx)};
  } else {
    return std::nullopt;
  }
  ArrayRef<const Expr *> Args(Call.getArgs(), Call.getNumArgs());
  // An operator() of an object -- a lambda -- takes the object first.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && isa_and_nonnull<CXXMethodDecl>(Callee) &&
      !cast<CXXMethodDecl>(Callee)->isStatic() && !Args.empty()) {
    E.Object = spelled(Args.front());
    Args = Args.drop_front();
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    SpelledValue O = spelled(Object);
    // The callee reaches the object's fields through `this->`; a caller's
    // object that is not a pointer takes them with '.'.
    if (!Object->getType()->isPointerType() && !O.Spelled.Code.empty())
      O.Spelled.Code = "&" + O.Spelled.Code;
    E.Object = std::move(O);
  }
  for (const Expr *Arg : Args) {
    E.Args.push_back(argument(Arg));
    E.Constants.push_back(constantOf(Arg));
  }
  while (!E.Constants.empty() && !E.Constants.back())
    E.Constants.pop_back();
  anchor(E, Call);
  return E;
}

std::optional<Event>
GraphBuilder::FunctionBuild::eventOfCall(const CallExpr &Call) {
  if (!mayMatter(Call))
    return std::nullopt;
  Event E;
  if (std::optional<model::RenameCall> R = model::matchRename(&Call)) {
    E.Kind = EventKind::Rename;
    E.Args = {spelled(R->Source), spelled(R->Dest)};
    if (R->DestDirFd) {
      E.Args.push_back(spelled(R->DestDirFd));
      E.Constants = {std::nullopt, std::nullopt, constantOf(R->DestDirFd)};
    }
    anchor(E, Call);
    return E;
  }
  if (model::isFileSystemSync(&Call))
    return dirSync(std::nullopt, Call);
  if (const Expr *Fd = model::syncedFd(&Call)) {
    if (Facts.isDirectoryFd(Fd, B.Flags, B.Ctx)) {
      std::optional<SpelledValue> Dir = directoryHeldBy(Fd);
      return dirSync(Dir ? std::optional<SyncedDirectory>({*Dir, false})
                         : std::nullopt,
                     Call);
    }
    E.Kind = EventKind::FdSync;
    E.Args.push_back(spelled(Fd));
    if (std::optional<SpelledValue> File = fileHeldBy(Fd))
      E.Args.push_back(std::move(*File));
    return E;
  }
  if (std::optional<model::OpenCall> Open = model::matchOpen(&Call)) {
    if (!B.Flags.writes(*Open, B.Ctx))
      return std::nullopt;
    E.Kind = EventKind::Write;
    E.Args.push_back(spelled(Open->Path));
    if (B.Creations && createsNew(*Open, Call)) {
      E.Kind = EventKind::Create;
      if (Open->DirFd) {
        E.Args.push_back(spelled(Open->DirFd));
        E.Constants = {std::nullopt, constantOf(Open->DirFd)};
      }
      anchor(E, Call);
    }
    return E;
  }
  if (const Expr *Path = B.Creations ? model::removedPath(&Call) : nullptr) {
    E.Kind = EventKind::Remove;
    E.Args.push_back(spelled(Path));
    return E;
  }
  if (const FunctionDecl *Callee = Call.getDirectCallee()) {
    bool Flagged = DirSyncPolicy::flagsDirectory(Call, B.Ctx);
    if (Flagged || B.Policy.trusts(*Callee)) {
      E = dirSync(helperDirectory(Call, *Callee, Flagged), Call);
      if (B.Creations)
        E.Args = globalArguments(Call);
      return E;
    }
  }
  if (const Expr *Object = functionObjectCalled(Call)) {
    std::optional<std::string> Slot = slotOf(Object);
    if (!Slot)
      return std::nullopt;
    E.Kind = EventKind::Call;
    E.Target = {Callee::Slot, *Slot, calleeSpelling(Call, B.Ctx)};
    for (unsigned I = 1; I < Call.getNumArgs(); ++I) {
      E.Args.push_back(argument(Call.getArg(I)));
      E.Constants.push_back(constantOf(Call.getArg(I)));
    }
    while (!E.Constants.empty() && !E.Constants.back())
      E.Constants.pop_back();
    anchor(E, Call);
    return E;
  }
  return callEvent(Call);
}

// "/dev/tty", "/proc/self/oom_score_adj": a device or a kernel file,
// which an open never creates.
static bool namesSpecialFile(const Expr *Path) {
  const auto *Literal = dyn_cast_or_null<StringLiteral>(
      Path ? Path->IgnoreParenImpCasts() : nullptr);
  if (!Literal || !Literal->isOrdinary())
    return false;
  StringRef Name = Literal->getString();
  return Name.starts_with("/dev/") || Name.starts_with("/proc/") ||
         Name.starts_with("/sys/");
}

// Whether an open makes a new file: creat, mkstemp, fopen with "w" or "x",
// and an open with O_CREAT and O_EXCL or O_TRUNC. O_CREAT alone makes one
// unless the function opened or stat'ed the path before, which says the
// file may be there already. A special file is never new.
bool GraphBuilder::FunctionBuild::createsNew(const model::OpenCall &Open,
                                             const CallExpr &Call) {
  // In a unit that does not compile, the rename or unlink that ends the
  // creation may be a call clang kept only to recover from an error.
  if (Facts.HasErrors || namesSpecialFile(Open.Path))
    return false;
  switch (Open.Kind) {
  case model::OpenKind::Creat:
  case model::OpenKind::MkTemp:
    return true;
  case model::OpenKind::Stream:
    return false;
  case model::OpenKind::FOpen: {
    const auto *Mode = dyn_cast_or_null<StringLiteral>(
        Open.Flags ? Open.Flags->IgnoreParenImpCasts() : nullptr);
    return Mode && Mode->isOrdinary() &&
           Mode->getString().find_first_of("wx") != StringRef::npos;
  }
  case model::OpenKind::Open:
  case model::OpenKind::OpenAt:
    break;
  }
  if (!Open.Flags)
    return false;
  model::FlagSet Bits = B.Flags.evaluate(
      Open.Flags, B.Ctx, [](const VarDecl *) -> std::optional<model::FlagSet> {
        return std::nullopt;
      });
  if (!(Bits.Must & B.Flags.value("O_CREAT")))
    return false;
  if (Bits.Must & (B.Flags.value("O_EXCL") | B.Flags.value("O_TRUNC")))
    return true;
  AccessPath Path = valueOf(Open.Path);
  if (!Path.known())
    return true;
  const SourceManager &SM = B.Ctx.getSourceManager();
  return llvm::none_of(Facts.Calls, [&](const CallExpr *Before) {
    if (Before == &Call || !SM.isBeforeInTranslationUnit(Before->getBeginLoc(),
                                                         Call.getBeginLoc()))
      return false;
    const Expr *Seen = model::statedPath(Before);
    if (std::optional<model::OpenCall> Earlier = model::matchOpen(Before))
      Seen = Earlier->Path;
    return Seen && valueOf(Seen) == Path;
  });
}

std::optional<Event> GraphBuilder::FunctionBuild::eventOf(const Stmt &S) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return eventOfCall(*Call);
  const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
  std::optional<model::OpenCall> Open =
      Construct ? model::matchStreamOpen(Construct) : std::nullopt;
  if (!Open || !B.Flags.writes(*Open, B.Ctx))
    return std::nullopt;
  Event E;
  E.Kind = EventKind::Write;
  E.Args.push_back(spelled(Open->Path));
  return E;
}

//===-- Flags a function tests --------------------------------------------===//

// Whether P, or what it is reached through, is changed in the function.
bool GraphBuilder::FunctionBuild::written(const AccessPath &P) {
  if (!WrittenValues) {
    WrittenValues.emplace();
    for (const Expr *W : Facts.Written)
      WrittenValues->push_back(valueOf(W));
  }
  return llvm::any_of(*WrittenValues, [&](const AccessPath &W) {
    return W.sameRoot(P) && W.Fields.size() <= P.Fields.size() &&
           std::equal(W.Fields.begin(), W.Fields.end(), P.Fields.begin());
  });
}

// A branch condition on a flag: `flag`, `!flag`, `ptr != NULL`, `n == 0`;
// the flag, and the value it has on the true branch.
std::optional<std::pair<AccessPath, bool>>
GraphBuilder::FunctionBuild::guardTest(const Expr *Cond) {
  Cond = Cond->IgnoreParenImpCasts();
  bool Value = true;
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    std::optional<std::pair<AccessPath, bool>> Inner =
        guardTest(UO->getSubExpr());
    if (Inner)
      Inner->second = !Inner->second;
    return Inner;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    const Expr *Flag = BO->getLHS();
    if (constantOf(BO->getLHS()) == std::optional<int64_t>(0))
      Flag = BO->getRHS();
    else if (constantOf(BO->getRHS()) != std::optional<int64_t>(0))
      return std::nullopt;
    Cond = Flag->IgnoreParenImpCasts();
    Value = BO->getOpcode() == BO_NE;
  }
  // A bit of a flags word, `flags & MUST_SYNC`: the word with the mask as
  // a last step.
  std::optional<int64_t> Mask;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && BO->getOpcode() == BO_And) {
    const Expr *Word = BO->getLHS();
    Mask = constantOf(BO->getRHS());
    if (!Mask) {
      Word = BO->getRHS();
      Mask = constantOf(BO->getLHS());
    }
    if (!Mask || *Mask == 0)
      return std::nullopt;
    Cond = Word->IgnoreParenImpCasts();
  }
  if (!isa<DeclRefExpr, MemberExpr>(Cond))
    return std::nullopt;
  QualType T = Cond->getType();
  if (!T->isIntegralOrEnumerationType() && !T->isPointerType())
    return std::nullopt;
  AccessPath P = valueOf(Cond);
  if (!llvm::is_contained(
          {AccessPath::Param, AccessPath::This, AccessPath::Global}, P.Root) ||
      written(P))
    return std::nullopt;
  if (Mask)
    P.Fields.push_back({"&" + std::to_string(*Mask), false});
  return std::make_pair(std::move(P), Value);
}

void GraphBuilder::FunctionBuild::chooseGuards(const CFG &G) {
  for (const CFGBlock *CB : llvm::reverse(G)) {
    const Expr *Cond = CB->succ_size() == 2 ? CB->getLastCondition() : nullptr;
    if (!Cond || Graph.Guards.size() == MaxGuards)
      continue;
    if (std::optional<std::pair<AccessPath, bool>> Test = guardTest(Cond))
      if (!llvm::is_contained(Graph.Guards, Test->first))
        Graph.Guards.push_back(std::move(Test->first));
  }
}

//===-- Edges -------------------------------------------------------------===//

void GraphBuilder::FunctionBuild::addEdges(const CFG &G, const CFGBlock &CB,
                                           Block &Out) {
  const Expr *Cond = CB.succ_size() == 2 ? CB.getLastCondition() : nullptr;
  FailureEdge Failure =
      Cond ? classifyFailureTest(Cond, B.Ctx, Facts) : FailureEdge::None;
  if (Failure == FailureEdge::None)
    Failure = classifyLeavingBoolTest(CB.getTerminatorStmt(), Cond, Facts);
  std::optional<std::pair<AccessPath, bool>> Test =
      Cond && !Graph.Guards.empty() ? guardTest(Cond) : std::nullopt;
  std::optional<uint8_t> Guard;
  if (Test)
    if (auto It = llvm::find(Graph.Guards, Test->first);
        It != Graph.Guards.end())
      Guard = uint8_t(It - Graph.Guards.begin());
  unsigned SuccIndex = 0;
  for (const CFGBlock::AdjacentBlock &Succ : CB.succs()) {
    unsigned I = SuccIndex++;
    const CFGBlock *S = Succ.getReachableBlock();
    if (!S)
      continue;
    Edge E;
    if (S == &G.getExit()) {
      if (endsInErrorExit(CB))
        continue;
      E.To = Graph.exit();
    } else {
      E.To = Index.lookup(S);
    }
    E.Failure = (Failure == FailureEdge::True && I == 0) ||
                (Failure == FailureEdge::False && I == 1);
    if (Guard)
      E.Guard = GuardTest{*Guard, I == 0 ? Test->second : !Test->second};
    Out.Succs.push_back(E);
  }
}

//===-- The graph ---------------------------------------------------------===//

std::optional<FunctionGraph> GraphBuilder::FunctionBuild::run() {
  recordStores();
  // A call that may run one of several bodies needs all of them, even one
  // that does nothing: its caller is synced only if every body syncs.
  bool Indirect = B.Indirect.contains(FD.getCanonicalDecl());
  if (llvm::none_of(Facts.Calls,
                    [&](const CallExpr *C) { return mayMatter(*C); }) &&
      Facts.StreamOpens.empty()) {
    if (!Indirect)
      return std::nullopt;
    // Only a way out other than returning needs the CFG.
    if (!Facts.Throws && llvm::none_of(Facts.Calls, [](const CallExpr *C) {
          const FunctionDecl *Callee = C->getDirectCallee();
          return Callee && Callee->isNoReturn();
        }))
      return describe(returnsOnly());
  }
  std::unique_ptr<CFG> G = buildFunctionCFG(FD, B.Ctx);
  if (!G)
    return std::nullopt;
  // Number the reachable blocks from the entry, depth first.
  std::vector<const CFGBlock *> Order;
  std::vector<const CFGBlock *> Work{&G->getEntry()};
  while (!Work.empty()) {
    const CFGBlock *CB = Work.back();
    Work.pop_back();
    if (CB == &G->getExit() || !Index.try_emplace(CB, Order.size()).second)
      continue;
    Order.push_back(CB);
    for (const CFGBlock::AdjacentBlock &Succ : llvm::reverse(CB->succs()))
      if (const CFGBlock *S = Succ.getReachableBlock())
        Work.push_back(S);
  }
  chooseGuards(*G);
  Graph.Blocks.resize(Order.size());
  bool AnyEvent = false;
  for (unsigned I = 0; I < Order.size(); ++I) {
    for (const CFGElement &E : *Order[I])
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        if (std::optional<Event> Ev = eventOf(*CS->getStmt())) {
          Graph.Blocks[I].Events.push_back(std::move(*Ev));
          AnyEvent = true;
        }
  }
  if (!AnyEvent && !Indirect)
    return std::nullopt;
  for (unsigned I = 0; I < Order.size(); ++I)
    addEdges(*G, *Order[I], Graph.Blocks[I]);
  for (const CFGBlock::AdjacentBlock &Pred : G->getExit().preds()) {
    const CFGBlock *P = Pred.getReachableBlock();
    auto It = P ? Index.find(P) : Index.end();
    if (It == Index.end() || Graph.Blocks[It->second].LeavesHere ||
        llvm::none_of(Graph.Blocks[It->second].Succs,
                      [&](const Edge &E) { return E.To == Graph.exit(); }))
      continue;
    Graph.Blocks[It->second].LeavesHere = leavePointOf(*P, FD, B.Locs);
    Graph.Exits.push_back(It->second);
  }
  contract(Graph);
  return describe(std::move(Graph));
}

// The graph of a body in which nothing matters and every path returns.
FunctionGraph GraphBuilder::FunctionBuild::returnsOnly() const {
  FunctionGraph Out;
  Block Body;
  Body.Succs.push_back(Edge{1, false, std::nullopt});
  Body.LeavesHere =
      Leave{LeaveKind::EndOfBody, B.Locs.locate(FD.getBodyRBrace())};
  Out.Blocks.push_back(std::move(Body));
  Out.Exits.push_back(0);
  return Out;
}

FunctionGraph GraphBuilder::FunctionBuild::describe(FunctionGraph Out) const {
  Out.Name = B.Names(FD);
  Out.Display = crosstu::displayName(FD);
  Out.Where = B.Locs.locate(FD.getLocation());
  Out.InternalOnly = B.Internal.contains(FD.getCanonicalDecl());
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  if (!Method)
    return Out;
  std::vector<const CXXMethodDecl *> Bases(Method->overridden_methods().begin(),
                                           Method->overridden_methods().end());
  while (!Bases.empty()) {
    const CXXMethodDecl *Base = Bases.back();
    Bases.pop_back();
    Out.Overrides.push_back(B.Names(*Base));
    llvm::append_range(Bases, Base->overridden_methods());
  }
  llvm::sort(Out.Overrides);
  Out.Overrides.erase(std::unique(Out.Overrides.begin(), Out.Overrides.end()),
                      Out.Overrides.end());
  return Out;
}

void GraphBuilder::FunctionBuild::recordStores() {
  for (const FunctionStore &S : Facts.FunctionStores) {
    std::optional<std::string> Slot;
    if (S.Into)
      Slot = slotOf(S.Into);
    else if (S.Field)
      Slot = S.Field->getParent()->getQualifiedNameAsString() +
             "::" + S.Field->getName().str();
    else if (S.Var && S.Var->hasLocalStorage())
      Slot = "@" + B.Names(FD) + "/" + S.Var->getName().str();
    if (Slot)
      B.store(std::move(*Slot), *S.Function);
  }
}

// What a library function does is not known: the join leaves it out of
// the functions a call through the slot may run.
void GraphBuilder::store(std::string Slot, const FunctionDecl &F) {
  Slots.push_back(
      {std::move(Slot), Names(F), inSystemHeader(F, Ctx.getSourceManager())});
  Indirect.insert(F.getCanonicalDecl());
}

//===-- The unit ----------------------------------------------------------===//

GraphBuilder::GraphBuilder(
    ASTContext &Ctx, const model::OpenFlags &Flags, const DirSyncPolicy &Policy,
    crosstu::Locations &Locs,
    const llvm::DenseSet<const FunctionDecl *> &AddressTaken,
    AnchorMaker MakeAnchor)
    : Ctx(Ctx), Flags(Flags), Policy(Policy), Locs(Locs),
      AddressTaken(AddressTaken), MakeAnchor(MakeAnchor), Names(Ctx) {}

// A direct call of it runs this definition: an override, a lambda or
// another unit's strong definition of a weak one may run another body.
bool GraphBuilder::isCalledAsDefined(const FunctionDecl &FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  return !FD.isWeak() &&
         !(Method && (Method->isVirtual() || Method->getParent()->isLambda()));
}

// Reached only by the unit's own direct calls: no other unit, no pointer
// and no override can run it.
bool GraphBuilder::isInternal(const FunctionDecl &FD) const {
  return !FD.isExternallyVisible() &&
         !AddressTaken.contains(FD.getCanonicalDecl()) && isCalledAsDefined(FD);
}

// A function the unit defines, in which nothing matters but calls of such
// functions, would have a graph that tells its callers nothing: no rename,
// no sync, no intent, and a way out; the program has no other definition
// of it to link. Building it costs a CFG and file space, so those
// functions get none and their calls are left out, bottom-up: the
// relevant ones are those that matter alone and their callers in the
// unit. A function that other units may call gets none either: to them
// it is as a library function, which tells them the same.
void GraphBuilder::findRelevant(
    llvm::ArrayRef<std::unique_ptr<FunctionBuild>> Builds) {
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 4>>
      Callers;
  llvm::SmallVector<const FunctionDecl *, 16> Work;
  auto Mark = [&](const FunctionDecl *FD) {
    if (Relevant.insert(FD).second)
      Work.push_back(FD);
  };
  for (const std::unique_ptr<FunctionBuild> &FB : Builds) {
    const FunctionDecl *Canonical = FB->function().getCanonicalDecl();
    llvm::SmallVector<const FunctionDecl *, 8> Callees;
    if (FB->mattersAlone(Callees))
      Mark(Canonical);
    for (const FunctionDecl *Callee : Callees)
      Callers[Callee].push_back(Canonical);
  }
  while (!Work.empty())
    for (const FunctionDecl *Caller : Callers.lookup(Work.pop_back_val()))
      Mark(Caller);
}

std::vector<FunctionGraph>
GraphBuilder::buildAll(llvm::ArrayRef<const FunctionDecl *> Definitions) {
  for (const FunctionDecl *FD : Definitions) {
    if (isCalledAsDefined(*FD))
      Defined.insert(FD->getCanonicalDecl());
    if (isInternal(*FD))
      Internal.insert(FD->getCanonicalDecl());
    const auto *Method = dyn_cast<CXXMethodDecl>(FD);
    if (Method && Method->isVirtual() && !isa<CXXDestructorDecl>(Method))
      Indirect.insert(FD->getCanonicalDecl());
  }
  std::vector<std::unique_ptr<FunctionBuild>> Builds;
  for (const FunctionDecl *FD : Definitions) {
    Builds.push_back(std::make_unique<FunctionBuild>(*this, *FD));
    for (const FunctionStore &S : Builds.back()->facts().FunctionStores)
      Indirect.insert(S.Function->getCanonicalDecl());
  }
  findRelevant(Builds);
  std::vector<FunctionGraph> Graphs;
  for (std::unique_ptr<FunctionBuild> &FB : Builds) {
    const FunctionDecl *Canonical = FB->function().getCanonicalDecl();
    if (Internal.contains(Canonical) && !Relevant.contains(Canonical))
      FB->recordStores();
    else if (std::optional<FunctionGraph> G = FB->run())
      Graphs.push_back(std::move(*G));
    FB.reset();
  }
  return Graphs;
}

// Walks an initialiser list of a record or array, recording each function
// it stores under the slot of the field or array it lands in.
static void storesOfInit(
    const Expr *Init, const std::string &ArraySlot,
    llvm::function_ref<void(std::string, const FunctionDecl &)> Store) {
  const auto *List = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts());
  if (!List)
    return;
  // The semantic form lists the initialisers in the order of the fields,
  // designators resolved.
  if (!List->isSemanticForm() && List->getSemanticForm())
    List = List->getSemanticForm();
  const RecordDecl *RD = List->getType()->getAsRecordDecl();
  unsigned I = 0;
  std::vector<const FieldDecl *> Fields;
  if (RD)
    Fields.assign(RD->field_begin(), RD->field_end());
  for (const Expr *E : List->inits()) {
    unsigned Index = I++;
    if (!E)
      continue;
    std::string Slot = ArraySlot;
    if (RD) {
      if (Index >= Fields.size())
        continue;
      Slot = Fields[Index]->getParent()->getQualifiedNameAsString() +
             "::" + Fields[Index]->getName().str();
    }
    if (const FunctionDecl *F = functionOf(E))
      Store(std::move(Slot), *F);
    else
      storesOfInit(E, Slot, Store);
  }
}

void GraphBuilder::recordInitialiser(const VarDecl &Global) {
  const Expr *Init = Global.getInit();
  if (!Init)
    return;
  std::string Slot = Global.getQualifiedNameAsString();
  // As slotOf() keys a variable of internal linkage: by its file too.
  if (!Global.isExternallyVisible()) {
    const SourceManager &SM = Ctx.getSourceManager();
    Slot = "@" + SM.getFilename(SM.getSpellingLoc(Global.getLocation())).str() +
           ":" + Slot;
  }
  auto Store = [&](std::string Into, const FunctionDecl &F) {
    store(std::move(Into), F);
  };
  if (const FunctionDecl *F = functionOf(Init)) {
    Store(std::move(Slot), *F);
    return;
  }
  storesOfInit(Init, Slot + "[]", Store);
}

} // namespace durcheck::rename
