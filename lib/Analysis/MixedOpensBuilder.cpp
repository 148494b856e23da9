//===- MixedOpensBuilder.cpp - The opens of a unit, from its AST ----------===//

#include "durcheck/Analysis/MixedOpensBuilder.h"
#include "durcheck/Analysis/CFGBuild.h"
#include "durcheck/Analysis/Spelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace clang;

namespace durcheck::mixed {

/// What the two dataflows found in one function, each run when first
/// needed, and its CFG until both have run.
struct UnitBuilder::Dataflow {
  std::unique_ptr<CFG> Graph;
  std::optional<OpenModes> Modes;
  std::optional<PathValues> Values;
};

namespace {

SourceLocation siteLoc(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getLocation();
  return E->getBeginLoc();
}

std::optional<model::FlagSet> noLocals(const VarDecl *) { return std::nullopt; }

/// What a callee's parameter can carry to an open it makes.
enum class ParamRole { None, Path, Flags };

// Decided by the parameter's type alone, before any dataflow: a path is a
// char pointer, a string object, or a struct that holds one; flags are an
// integer as wide as open()'s. Most arguments -- sizes, buffers, bools,
// callbacks -- are neither.
ParamRole roleOf(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType();
  if (T->isIntegerType())
    return !T->isBooleanType() &&
                   Ctx.getTypeSize(T) >= Ctx.getTypeSize(Ctx.IntTy)
               ? ParamRole::Flags
               : ParamRole::None;
  if (T->isRecordType())
    return ParamRole::Path;
  QualType Pointee = T->getPointeeType();
  if (!Pointee.isNull() && (Pointee->isCharType() || Pointee->isRecordType()))
    return ParamRole::Path;
  return ParamRole::None;
}

} // namespace

UnitBuilder::UnitBuilder(ASTContext &Ctx, const model::OpenFlags &Flags,
                         ArrayRef<model::OpenLikeFunction> OpenLikeFunctions,
                         const EnclosingFunctions &Functions,
                         crosstu::Locations &Locs, FixMaker AddDirect,
                         ReportableAt Reportable)
    : Ctx(Ctx), Flags(Flags), OpenLikeFunctions(OpenLikeFunctions),
      Functions(Functions), Locs(Locs), AddDirect(AddDirect),
      Reportable(Reportable), Names(Ctx) {}

UnitBuilder::~UnitBuilder() = default;

UnitBuilder::Dataflow &UnitBuilder::dataflowOf(const FunctionDecl &FD) {
  auto [It, New] = Dataflows.try_emplace(&FD);
  if (New) {
    It->second = std::make_unique<Dataflow>();
    It->second->Graph = buildFunctionCFG(FD, Ctx);
  }
  return *It->second;
}

// The two analyses run apart: most arguments of calls need the values
// only, and most opens one of the two.
const OpenModes &UnitBuilder::modesOf(const FunctionDecl &FD) {
  Dataflow &D = dataflowOf(FD);
  if (!D.Modes) {
    D.Modes.emplace();
    if (D.Graph)
      *D.Modes = runOpenModeAnalysis(
          FD, *D.Graph, Ctx, Flags, [&](const CallExpr *Call) {
            return model::matchOpen(Call, OpenLikeFunctions);
          });
    if (D.Values)
      D.Graph.reset();
  }
  return *D.Modes;
}

const PathValues &UnitBuilder::valuesOf(const FunctionDecl &FD) {
  Dataflow &D = dataflowOf(FD);
  if (!D.Values) {
    D.Values.emplace();
    if (D.Graph)
      *D.Values = runPathValueAnalysis(FD, *D.Graph, Ctx, Scratch);
    if (D.Modes)
      D.Graph.reset();
  }
  return *D.Values;
}

const FunctionDecl *UnitBuilder::enclosing(const Expr *E) {
  std::vector<const FunctionDecl *> Holders =
      Functions.at(E->getBeginLoc(), Ctx.getSourceManager());
  // The instances of a template share its range; the open's own instance
  // is the one whose dataflow saw the call.
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Holders.size() > 1)
    for (const FunctionDecl *FD : Holders)
      if (modesOf(*FD).Flags.count(Call))
        return FD;
  return Holders.empty() ? nullptr : Holders.front();
}

unsigned UnitBuilder::functionIndex(const FunctionDecl *FD) {
  auto [It, New] = FunctionIndex.try_emplace(FD, Unit.Functions.size());
  if (New) {
    OpenFunction &F = Unit.Functions.emplace_back();
    if (FD) {
      F.Name = Names(*FD);
      F.Display = crosstu::displayName(*FD);
      F.Where = Locs.locate(FD->getLocation());
    }
  }
  return It->second;
}

void UnitBuilder::place(SourceLocation Loc, const FunctionDecl *FD,
                        OpenSite S) {
  unsigned F = functionIndex(FD);
  Places.push_back({Loc, F, false, unsigned(Unit.Functions[F].Opens.size())});
  Unit.Functions[F].Opens.push_back(std::move(S));
}

void UnitBuilder::place(SourceLocation Loc, const FunctionDecl *FD,
                        CallSite C) {
  unsigned F = functionIndex(FD);
  Places.push_back({Loc, F, true, unsigned(Unit.Functions[F].Calls.size())});
  Unit.Functions[F].Calls.push_back(std::move(C));
}

std::optional<crosstu::UnitEdit>
UnitBuilder::addDirectEdit(const Expr &FlagsArg) {
  std::optional<FixItHint> Fix = AddDirect(FlagsArg);
  if (!Fix)
    return std::nullopt;
  crosstu::Loc From = Locs.locate(Fix->RemoveRange.getBegin());
  crosstu::Loc To = Locs.locate(Fix->RemoveRange.getEnd());
  return crosstu::UnitEdit{From.File, From.Offset, To.Offset - From.Offset,
                           Fix->CodeToInsert};
}

//===-- Opens -------------------------------------------------------------===//

model::FlagSet UnitBuilder::openFlags(const model::OpenCall &Open,
                                      const FunctionDecl *FD,
                                      const CallExpr *&SetDirect) {
  // Outside a function, or in dead code, no local can be known.
  model::FlagSet Bits = Flags.evaluate(Open.Flags, Ctx, noLocals);
  if (!FD)
    return Bits;
  const auto *Call = cast<CallExpr>(Open.Call);
  const OpenModes &M = modesOf(*FD);
  if (auto It = M.Flags.find(Call); It != M.Flags.end())
    Bits = It->second;
  SetDirect = M.SetDirect.lookup(Call);
  return Bits;
}

const ChangedVars &UnitBuilder::changedIn(const FunctionDecl &FD) {
  auto [It, New] = Changes.try_emplace(&FD);
  if (New)
    It->second = std::make_unique<ChangedVars>(FD);
  return *It->second;
}

// Whether what E names takes the dataflow to know: it starts from a
// variable the function changes, or from a scratch buffer.
bool UnitBuilder::needsValues(const Expr *E, const FunctionDecl &FD) {
  const DeclRefExpr *Ref = model::pathRootRead(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && (changedIn(FD).contains(VD) || Scratch.contains(VD));
}

// The parameter, and the fields reached from it, that E reads while it
// holds what the caller passed: path, f->file_name.
std::optional<AccessPath> UnitBuilder::paramPath(const Expr *E,
                                                 const FunctionDecl &FD) {
  bool Unchanged = !needsValues(E, FD);
  E = model::stripPathWrappers(E);
  std::vector<FieldStep> Fields;
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    Fields.push_back({Field->getParent()->getQualifiedNameAsString() +
                          "::" + Field->getName().str(),
                      Member->isArrow()});
    E = Member->getBase()->IgnoreParenImpCasts();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param || Param->getDeclContext() != &FD ||
      !(Unchanged || valuesOf(FD).AtEntry.count(Ref)))
    return std::nullopt;
  AccessPath P;
  P.Root = AccessPath::Param;
  P.Index = Param->getFunctionScopeIndex();
  P.Fields.assign(Fields.rbegin(), Fields.rend());
  return P;
}

std::optional<OpenSite> UnitBuilder::openSite(const model::OpenCall &Open,
                                              const FunctionDecl *FD) {
  // As for a call's argument: only a variable the function changes, or a
  // scratch buffer, takes the dataflow to know.
  const model::ReadKeys *Reads =
      FD && (needsValues(Open.Path, *FD) ||
             (Open.DirFd && needsValues(Open.DirFd, *FD)))
          ? &valuesOf(*FD).Keys
          : nullptr;
  OpenSite S;
  S.Path.Key = model::openedPathKey(Open, Ctx, Reads);
  // Under a directory fd the parameter is only part of the file's name.
  if (FD && !Open.DirFd)
    S.Path.Param = paramPath(Open.Path, *FD);
  if (!S.Path.Key && !S.Path.Param)
    return std::nullopt;
  S.Path.Spelling = pathSpelling(*Open.Path, Ctx);
  S.TakesFlags = Open.Kind == model::OpenKind::Open ||
                 Open.Kind == model::OpenKind::OpenAt;
  if (!S.TakesFlags) {
    S.Reads = Flags.reads(Open, model::FlagSet::constant(0));
  } else {
    const CallExpr *SetDirect = nullptr;
    S.Flags = openFlags(Open, FD, SetDirect);
    uint64_t Direct = Flags.value("O_DIRECT");
    if (SetDirect)
      S.SetDirect = Locs.locate(SetDirect->getBeginLoc());
    else if (S.Flags.Opaque && !(S.Flags.May & Direct))
      return std::nullopt; // Flags the analysis cannot see.
    if (S.Flags.lacks(Direct) && Open.Flags)
      S.AddDirect = addDirectEdit(*Open.Flags);
  }
  SourceLocation At = siteLoc(Open.Call);
  S.At = Locs.locate(At);
  S.Reportable = Reportable(At);
  return S;
}

//===-- Calls of project functions ----------------------------------------===//

// A call whose callee's summary may say it opens: a function of the
// project, called directly, and not an open itself.
bool UnitBuilder::isProjectCall(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Call.containsErrors() || isa<CXXOperatorCallExpr>(Call) ||
      Callee->getBuiltinID())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
    return false;
  // A virtual call may run any override.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->isVirtual())
    return false;
  return !model::matchOpen(&Call, OpenLikeFunctions);
}

FilePath UnitBuilder::argumentPath(const Expr *Arg, const FunctionDecl &FD) {
  FilePath P;
  const model::ReadKeys *Reads =
      needsValues(Arg, FD) ? &valuesOf(FD).Keys : nullptr;
  P.Key = model::pathKeyOf(Arg, Ctx, Reads);
  if (P.Key && P.Key->Kind == model::PathKey::Literal &&
      model::isMessageText(P.Key->Text))
    return FilePath();
  P.Param = paramPath(Arg, FD);
  if (!P.Key && !P.Param)
    return P;
  P.Spelling = pathSpelling(*Arg, Ctx);
  if (std::optional<StringRef> Code = sourceText(Arg->getSourceRange(), Ctx))
    P.Code = Code->str();
  return P;
}

// The flags an integer argument passes: constants and the parameters the
// function never changes are known without the dataflow, and it tracks
// nothing but locals.
model::FlagSet UnitBuilder::argumentFlags(const CallExpr &Call, unsigned I,
                                          const FunctionDecl &FD) {
  bool Changed = false;
  model::FlagSet Bits = Flags.evaluate(
      Call.getArg(I), Ctx,
      [&](const VarDecl *VD) -> std::optional<model::FlagSet> {
        const auto *P = dyn_cast<ParmVarDecl>(VD);
        if (P && P->getDeclContext() == &FD && !changedIn(FD).contains(P))
          return model::FlagSet::param(P->getFunctionScopeIndex());
        Changed = Changed || VD->hasLocalStorage();
        return std::nullopt;
      });
  if (!Changed)
    return Bits;
  const OpenModes &M = modesOf(FD);
  // A call the CFG leaves out, in a constructor's initialisers, has none.
  auto It = M.CallArgs.find(&Call);
  return It == M.CallArgs.end() ? Bits : It->second[I];
}

std::optional<CallSite> UnitBuilder::callSite(const CallExpr &Call,
                                              const FunctionDecl &FD) {
  const FunctionDecl &Callee = *Call.getDirectCallee();
  if (!mayOpen(Callee))
    return std::nullopt;
  uint64_t Direct = Flags.value("O_DIRECT");
  CallSite C;
  bool AnyKnown = false;
  // A variadic argument is read by va_arg, which no summary follows.
  unsigned Params = std::min(Call.getNumArgs(), Callee.getNumParams());
  for (unsigned I = 0; I < Params; ++I) {
    const Expr *Arg = Call.getArg(I);
    CallArgument &A = C.Args.emplace_back();
    switch (roleOf(Callee.getParamDecl(I)->getType(), Ctx)) {
    case ParamRole::None:
      break;
    case ParamRole::Flags:
      if (!Arg->getType()->isIntegerType())
        break;
      A.Flags = argumentFlags(Call, I, FD);
      if (A.Flags.lacks(Direct))
        A.AddDirect = addDirectEdit(*Arg);
      AnyKnown = AnyKnown || !A.Flags.Opaque;
      break;
    case ParamRole::Path:
      A.Path = argumentPath(Arg, FD);
      AnyKnown = AnyKnown || A.Path.Key || A.Path.Param;
      break;
    }
  }
  if (!AnyKnown)
    return std::nullopt;
  C.Callee = Names(*Call.getDirectCallee());
  C.At = Locs.locate(Call.getBeginLoc());
  C.Reportable = Reportable(Call.getBeginLoc());
  return C;
}

// The calls of project functions in FD's body and initialisers.
UnitBuilder::CallList UnitBuilder::projectCalls(const FunctionDecl &FD) const {
  CallList Calls;
  llvm::SmallVector<const Stmt *, 32> Work{FD.getBody()};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Work.push_back(Init->getInit());
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    // A lambda is a function of its own.
    if (!S || isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && isProjectCall(*Call))
      Calls.push_back(Call);
    llvm::append_range(Work, S->children());
  }
  return Calls;
}

// A call of a function the unit defines reaches an open only if that
// function opens, or calls one that may: one the unit does not define, or
// one that opens in turn. The other calls of the unit's functions open
// nothing, in the unit or in the join, so their sites need no summary --
// nor the dataflow their arguments would cost.
void UnitBuilder::findOpeners(
    llvm::ArrayRef<const FunctionDecl *> Opening,
    llvm::DenseMap<const FunctionDecl *, CallList> &Calls) {
  for (const FunctionDecl *FD : Functions.all())
    Defined.insert(FD->getCanonicalDecl());
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const FunctionDecl *>>
      Callers;
  llvm::SmallVector<const FunctionDecl *, 16> Work;
  auto Mark = [&](const FunctionDecl *FD) {
    if (MayOpen.insert(FD->getCanonicalDecl()).second)
      Work.push_back(FD->getCanonicalDecl());
  };
  for (const FunctionDecl *FD : Opening)
    Mark(FD);
  for (const FunctionDecl *FD : Functions.all())
    for (const CallExpr *Call : Calls[FD] = projectCalls(*FD)) {
      const FunctionDecl *Callee = Call->getDirectCallee()->getCanonicalDecl();
      if (Defined.contains(Callee))
        Callers[Callee].push_back(FD);
      else
        Mark(FD);
    }
  while (!Work.empty())
    for (const FunctionDecl *Caller : Callers.lookup(Work.pop_back_val()))
      Mark(Caller);
}

bool UnitBuilder::mayOpen(const FunctionDecl &Callee) const {
  const FunctionDecl *Canonical = Callee.getCanonicalDecl();
  return !Defined.contains(Canonical) || MayOpen.contains(Canonical);
}

//===-- The unit ----------------------------------------------------------===//

UnitOpens UnitBuilder::build(ArrayRef<const Expr *> Candidates) {
  for (const FunctionDecl *FD : Functions.all())
    Scratch.addFunction(*FD);
  llvm::SmallVector<const FunctionDecl *, 8> Opening;
  for (const Expr *E : Candidates) {
    std::optional<model::OpenCall> Open;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      Open = model::matchOpen(Call, OpenLikeFunctions);
    else
      Open = model::matchStreamOpen(E);
    // mkstemp's template becomes a new, unique name.
    if (!Open || Open->Kind == model::OpenKind::MkTemp)
      continue;
    const FunctionDecl *FD = enclosing(E);
    if (std::optional<OpenSite> S = openSite(*Open, FD)) {
      place(siteLoc(E), FD, std::move(*S));
      if (FD)
        Opening.push_back(FD);
    }
  }
  llvm::DenseMap<const FunctionDecl *, CallList> Calls;
  findOpeners(Opening, Calls);
  for (const FunctionDecl *FD : Functions.all())
    for (const CallExpr *Call : Calls[FD])
      if (std::optional<CallSite> C = callSite(*Call, *FD))
        place(Call->getBeginLoc(), FD, std::move(*C));
  const SourceManager &SM = Ctx.getSourceManager();
  // Sites at one place keep the order they were found in.
  for (unsigned I = 0; I < Places.size(); ++I)
    Places[I].Found = I;
  llvm::sort(Places, [&](const Place &A, const Place &B) {
    if (SM.isBeforeInTranslationUnit(A.Loc, B.Loc))
      return true;
    return !SM.isBeforeInTranslationUnit(B.Loc, A.Loc) && A.Found < B.Found;
  });
  for (unsigned I = 0; I < Places.size(); ++I) {
    const Place &P = Places[I];
    OpenFunction &F = Unit.Functions[P.Function];
    (P.Call ? F.Calls[P.Index].Order : F.Opens[P.Index].Order) = I;
  }
  Unit.DirectBit = Flags.value("O_DIRECT");
  Unit.WriteOnlyBit = Flags.value("O_WRONLY");
  return std::move(Unit);
}

} // namespace durcheck::mixed
