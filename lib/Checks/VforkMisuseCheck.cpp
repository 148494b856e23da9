//===- VforkMisuseCheck.cpp - vfork children that do more than exec -------===//

#include "Checks/VforkMisuseCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/ChildSummaries.h"
#include "durcheck/CrossTU/Encoding.h"
#include "durcheck/CrossTU/Findings.h"
#include "durcheck/CrossTU/Names.h"
#include "durcheck/Model/Process.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTDiagnostic.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <map>
#include <set>
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {
namespace {

class Forwarder : public VforkChildHandler {
public:
  explicit Forwarder(llvm::function_ref<void(const ChildViolation &)> Report)
      : Report(Report) {}
  void handleViolation(const ChildViolation &V) override { Report(V); }

private:
  llvm::function_ref<void(const ChildViolation &)> Report;
};

// The source text of a range that lies in one file, outside any macro.
std::optional<StringRef> spelledText(SourceRange Range, const ASTContext &Ctx) {
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  bool Invalid = false;
  StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                           Ctx.getSourceManager(), Ctx.getLangOpts(), &Invalid);
  if (Invalid || Text.empty())
    return std::nullopt;
  return Text;
}

// How a write message names what was written: the variable a declaration
// initialises, or the written expression when it is short.
std::string describeWritten(const ChildViolation &V, const ASTContext &Ctx) {
  if (V.Declared)
    return "'" + V.Declared->getName().str() + "'";
  std::optional<StringRef> Text = spelledText(V.Written->getSourceRange(), Ctx);
  if (Text && Text->size() <= 40 && !Text->contains('\n'))
    return "'" + Text->str() + "'";
  // Spelled by a macro, or long: the variable or field, when there is one.
  const auto *ND = dyn_cast_or_null<NamedDecl>(
      V.Written->IgnoreParenImpCasts()->getReferencedDeclOfCallee());
  if (ND && ND->getDeclName().isIdentifier())
    return "'" + ND->getName().str() + "'";
  return "shared memory";
}

// The name a call was made by, when it is spelled in the file.
const DeclRefExpr *calleeRef(const CallExpr &Call) {
  return dyn_cast<DeclRefExpr>(Call.getCallee()->IgnoreParenImpCasts());
}

// A declaration or type in a message, quoted and spelled as a diagnostic
// argument would be.
std::string quoted(DiagnosticsEngine::ArgumentKind Kind, intptr_t Value,
                   ASTContext &Ctx) {
  SmallString<64> Out;
  intptr_t QualTypes[] = {Value};
  FormatASTNodeDiagnosticArgument(Kind, Value, "", "", {}, Out, &Ctx,
                                  Kind == DiagnosticsEngine::ak_qualtype
                                      ? ArrayRef<intptr_t>(QualTypes)
                                      : ArrayRef<intptr_t>());
  return Out.str().str();
}

std::string quoted(const NamedDecl &D, ASTContext &Ctx) {
  return quoted(DiagnosticsEngine::ak_nameddecl, reinterpret_cast<intptr_t>(&D),
                Ctx);
}

std::string quoted(QualType T, ASTContext &Ctx) {
  return quoted(DiagnosticsEngine::ak_qualtype,
                reinterpret_cast<intptr_t>(T.getAsOpaquePtr()), Ctx);
}

bool declaresExitNow(const ASTContext &Ctx) {
  return !Ctx.getTranslationUnitDecl()
              ->lookup(DeclarationName(&Ctx.Idents.get("_exit")))
              .empty();
}

} // namespace

VforkMisuseCheck::VforkMisuseCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AllowedChildFunctions(Options.get("AllowedChildFunctions", "")),
      Sink(crosstu::UnitSink::current()) {}

void VforkMisuseCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowedChildFunctions", AllowedChildFunctions);
}

void VforkMisuseCheck::registerMatchers(MatchFinder *Finder) {
  // The enclosing function of a call is found by source range at the end
  // of the TU: asking the matchers for it would build the parent map of the
  // whole AST, which costs more than the rest of the check.
  EnclosingFunctions::registerMatchers(*Finder, this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(model::vforkNames()))))
          .bind("vfork"),
      this);
}

void VforkMisuseCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Functions.collect(Result))
    return;
  const auto *Vfork = Result.Nodes.getNodeAs<CallExpr>("vfork");
  if (model::isVforkCall(*Vfork) && !Vfork->containsErrors())
    Vforks.push_back(Vfork);
}

void VforkMisuseCheck::onEndOfTranslationUnit() {
  if (Ctx) {
    std::vector<std::string> Allowed;
    for (StringRef Name :
         utils::options::parseStringList(AllowedChildFunctions))
      Allowed.push_back(Name.trim().str());
    ChildCallPolicy Policy(std::move(Allowed), *Ctx);
    analyseCallers(Policy);
    if (Sink)
      leaveSection(Policy);
  }
  Functions.clear();
  Vforks.clear();
  Children.clear();
  Ctx = nullptr;
}

// Only the functions that call vfork get a CFG here; the driver judges more.
void VforkMisuseCheck::analyseCallers(ChildCallPolicy &Policy) {
  auto Report = [&](const ChildViolation &V) { report(V, Policy); };
  Forwarder Handler(Report);
  llvm::SmallPtrSet<const FunctionDecl *, 8> Analysed;
  for (const CallExpr *Vfork : Vforks)
    for (const FunctionDecl *FD :
         Functions.at(Vfork->getBeginLoc(), Ctx->getSourceManager()))
      if (Analysed.insert(FD).second) {
        std::vector<ChildPiece> Pieces =
            runVforkChildAnalysis(*FD, Policy, Handler);
        if (Sink)
          Children.push_back(std::move(Pieces));
      }
}

//===-- What a finding says -----------------------------------------------===//

VforkMisuseCheck::Rendered
VforkMisuseCheck::render(const ChildViolation &V,
                         ChildCallPolicy &Policy) const {
  Rendered Out;
  std::vector<Message> &M = Out.Messages;
  M.push_back({V.Loc, warningText(V), {}});
  const auto *Call = dyn_cast_or_null<CallExpr>(V.At);
  bool Exit = V.Action == ChildAction::Call && Call && model::isExitCall(*Call);
  // _exit ends the child just as exit would, without touching the parent's
  // handlers and buffers: always safe, so on the warning.
  if (std::optional<FixItHint> Fix = Exit ? exitFix(*Call) : std::nullopt)
    M.front().Fix.push_back(*Fix);
  SourceLocation At = V.Vfork->getBeginLoc();
  M.push_back({At, "child process created by vfork here", {}});
  Out.ChainBegin = Out.ChainEnd = M.size();
  if (Exit)
    return Out;
  if (V.Action == ChildAction::Call && Call && V.Callee)
    for (const ChildStep &S : Policy.chainBelow(*V.Callee))
      M.push_back(stepNote(S));
  Out.ChainEnd = M.size();
  // A call, a write or a return in the child is real work before exec: it
  // needs a process of its own. That changes the program's cost and
  // semantics, so the fix is the user's to take.
  M.push_back({At,
               "use fork() if the child must do this before exec, or "
               "posix_spawn() to run a program",
               {}});
  if (std::optional<FixItHint> Fix = forkFix(*V.Vfork))
    M.back().Fix.push_back(*Fix);
  return Out;
}

VforkMisuseCheck::Message VforkMisuseCheck::stepNote(const ChildStep &S) const {
  return {
      S.What.Loc, quoted(*S.In, *Ctx) + " " + actionText(S.What) + " here", {}};
}

std::string VforkMisuseCheck::actionText(const ChildViolation &V) const {
  switch (V.Action) {
  case ChildAction::Call:
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(V.At))
      return "constructs " + quoted(Construct->getType(), *Ctx);
    if (V.Callee)
      return "calls " + quoted(*V.Callee, *Ctx);
    return "calls a function through a pointer";
  case ChildAction::Write:
    return "writes to " + describeWritten(V, *Ctx);
  case ChildAction::Throw:
    return "throws";
  case ChildAction::Return:
  case ChildAction::FallOffEnd:
    break;
  }
  llvm_unreachable("a return is worded by warningText, and ends no chain");
}

std::string VforkMisuseCheck::warningText(const ChildViolation &V) const {
  switch (V.Action) {
  case ChildAction::Call:
    return callText(V);
  case ChildAction::Write:
    return "vfork child " + actionText(V) +
           " before exec or _exit, which is undefined: the memory belongs to "
           "the suspended parent";
  case ChildAction::Return:
  case ChildAction::FallOffEnd:
  case ChildAction::Throw:
    break;
  }
  StringRef How = V.Action == ChildAction::Return       ? "returns from"
                  : V.Action == ChildAction::FallOffEnd ? "falls off the end of"
                                                        : "throws out of";
  return ("vfork child " + How +
          " the function that called vfork, which is undefined: the parent "
          "resumes in the stack frame the child left")
      .str();
}

std::string VforkMisuseCheck::callText(const ChildViolation &V) const {
  const auto *Call = dyn_cast<CallExpr>(V.At);
  if (Call && model::isExitCall(*Call))
    return "vfork child " + actionText(V) +
           ", which runs the parent's atexit handlers and flushes its stdio "
           "buffers; call _exit instead";
  return "vfork child " + actionText(V) +
         " before exec or _exit, which is undefined: it runs on the memory "
         "and stack of the suspended parent";
}

void VforkMisuseCheck::report(const ChildViolation &V,
                              ChildCallPolicy &Policy) {
  std::vector<Message> Finding = render(V, Policy).Messages;
  diag(Finding.front().Loc, "%0")
      << Finding.front().Text << Finding.front().Fix;
  for (const Message &Note : llvm::drop_begin(Finding))
    diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Text << Note.Fix;
}

std::optional<FixItHint> VforkMisuseCheck::exitFix(const CallExpr &Exit) const {
  const DeclRefExpr *Ref = calleeRef(Exit);
  if (!Ref || !spelledText(Ref->getSourceRange(), *Ctx) ||
      !declaresExitNow(*Ctx))
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Ref->getSourceRange()), "_exit");
}

std::optional<FixItHint>
VforkMisuseCheck::forkFix(const CallExpr &Vfork) const {
  const DeclRefExpr *Ref = calleeRef(Vfork);
  if (!Ref || !spelledText(Ref->getLocation(), *Ctx))
    return std::nullopt;
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Ref->getLocation()), "fork");
}

//===-- What the join needs of the unit -----------------------------------===//

namespace {

// A function another unit can call by name and may not see: not inline, not
// a template's instance, not virtual.
bool isExported(const FunctionDecl &FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(&FD);
  return FD.isExternallyVisible() && !FD.isInlined() &&
         !FD.isTemplateInstantiation() && !FD.isDependentContext() &&
         !FD.isMain() && !(MD && MD->isVirtual());
}

vfork::Piece plainPiece(const ChildPiece &P,
                        const crosstu::FunctionNames &Names) {
  vfork::Piece Out;
  if (P.After)
    Out.After = Names(*P.After->getDirectCallee());
  Out.Reaches = P.Reaches;
  Out.Returns = P.Returns;
  return Out;
}

} // namespace

// The notes of a chain as clang-tidy would record them, with those of the
// macros they lie in.
std::vector<crosstu::UnitMessage>
VforkMisuseCheck::chainNotes(llvm::ArrayRef<ChildStep> Steps,
                             crosstu::Locations &Locs) const {
  crosstu::FindingRecorder Recorder(Ctx->getLangOpts(), Ctx->getSourceManager(),
                                    Locs);
  for (const ChildStep &S : Steps) {
    Message M = stepNote(S);
    Recorder.add(M.Loc, DiagnosticsEngine::Note, M.Text, M.Fix);
  }
  return Recorder.take().Notes;
}

void VforkMisuseCheck::leaveSection(ChildCallPolicy &Policy) {
  crosstu::Locations Locs(Ctx->getSourceManager(), Sink);
  std::vector<const FunctionDecl *> Callees;
  llvm::json::Object Section = childrenJSON(Policy, Locs, Callees);
  llvm::json::Array Summaries = functionsJSON(Policy, Locs, std::move(Callees));
  if (!Summaries.empty())
    Section["functions"] = std::move(Summaries);
  if (!Section.empty())
    Sink->putSection(getID(), std::move(Section));
}

// The pieces of every child of the unit, when one reaches an open call, and
// the findings they make, rendered as the unit would report them: the join
// compares all the unit's findings at a place with what holds there. Also
// gives the callees of the open calls, whose summaries the join needs.
llvm::json::Object
VforkMisuseCheck::childrenJSON(ChildCallPolicy &Policy,
                               crosstu::Locations &Locs,
                               std::vector<const FunctionDecl *> &Callees) {
  auto ReachesOpenCall = [](const std::vector<ChildPiece> &Pieces) {
    return llvm::any_of(Pieces,
                        [](const ChildPiece &P) { return !P.Reaches.empty(); });
  };
  if (llvm::none_of(Children, ReachesOpenCall))
    return {};
  const SourceManager &SM = Ctx->getSourceManager();
  crosstu::FunctionNames Names(*Ctx);
  llvm::json::Array Findings, Pieces;
  // A finding, and where its notes hold the chain below its callee.
  struct Recorded {
    unsigned Index, ChainAt, ChainLen;
  };
  std::map<std::tuple<const void *, const void *, unsigned, int>, Recorded>
      Index;
  auto FindingOf = [&](const ChildViolation &V) {
    auto [It, New] = Index.try_emplace(
        {V.Vfork, V.At, V.Loc.getRawEncoding(), int(V.Action)},
        Recorded{unsigned(Findings.size()), 0, 0});
    if (!New)
      return It->second;
    crosstu::FindingRecorder Recorder(Ctx->getLangOpts(), SM, Locs);
    Rendered R = render(V, Policy);
    for (size_t I = 0; I < R.Messages.size(); ++I) {
      if (I == R.ChainBegin)
        It->second.ChainAt = Recorder.noteCount();
      if (I == R.ChainEnd)
        It->second.ChainLen = Recorder.noteCount() - It->second.ChainAt;
      const Message &M = R.Messages[I];
      Recorder.add(
          M.Loc, I == 0 ? DiagnosticsEngine::Warning : DiagnosticsEngine::Note,
          M.Text, M.Fix);
    }
    crosstu::UnitFinding F = Recorder.take();
    F.Reportable = Sink->reportable(getID(), SM, V.Loc);
    Findings.push_back(toJSON(F));
    return It->second;
  };
  unsigned Base = 0;
  for (const std::vector<ChildPiece> &Child : Children) {
    for (const ChildPiece &P : Child) {
      vfork::Piece Out = plainPiece(P, Names);
      for (unsigned &R : Out.Reaches)
        R += Base;
      for (const ChildViolation &V : P.Violations)
        Out.Findings.push_back(FindingOf(V).Index);
      if (P.After) {
        Recorded Call = FindingOf(P.unsafeCall());
        Out.UnsafeCall = Call.Index;
        Out.ChainAt = Call.ChainAt;
        Out.ChainLen = Call.ChainLen;
        Callees.push_back(P.After->getDirectCallee());
      }
      Pieces.push_back(vfork::childPieceJSON(Out));
    }
    Base += Child.size();
  }
  return llvm::json::Object{{"children", std::move(Pieces)},
                            {"findings", std::move(Findings)}};
}

// The functions a child in another unit may call, and the unit's own
// functions that their open calls, and the children's, go through. An
// unsafe one keeps the notes that show why, for the chains the join walks.
llvm::json::Array
VforkMisuseCheck::functionsJSON(ChildCallPolicy &Policy,
                                crosstu::Locations &Locs,
                                std::vector<const FunctionDecl *> Callees) {
  for (const FunctionDecl *FD : Functions.all())
    if (isExported(*FD))
      Callees.push_back(FD);
  crosstu::FunctionNames Names(*Ctx);
  llvm::SmallPtrSet<const FunctionDecl *, 16> Done;
  std::vector<vfork::Function> Summaries;
  while (!Callees.empty()) {
    const FunctionDecl *FD = Callees.back();
    Callees.pop_back();
    const ChildSummary *S = Policy.summaryOf(*FD);
    if (!S || !Done.insert(FD->getCanonicalDecl()).second)
      continue;
    vfork::Function F{Names(*FD), {}};
    const std::vector<ChildViolation> *First =
        S->isOpen() ? &S->Pieces.front().Violations : nullptr;
    // Closed, or unsafe before any open call: one piece says it all.
    if (!First || !First->empty()) {
      vfork::Piece &P = F.Pieces.emplace_back();
      P.Returns = !S->Safety.NeverReturns;
      const ChildViolation *Why =
          First ? &First->front() : (S->Why ? &*S->Why : nullptr);
      if (Why)
        P.Why = chainNotes(Policy.chain(*FD, *Why), Locs);
      // Unsafe for a reason it cannot show (no CFG): left out, as unseen.
      if (Why || S->Safety.SafeInChild)
        Summaries.push_back(std::move(F));
      continue;
    }
    for (const ChildPiece &P : S->Pieces) {
      vfork::Piece &Out = F.Pieces.emplace_back(plainPiece(P, Names));
      if (!P.Violations.empty())
        Out.Why = chainNotes(Policy.chain(*FD, P.Violations.front()), Locs);
      if (P.After) {
        Out.Call = chainNotes({{FD, P.unsafeCall()}}, Locs);
        Callees.push_back(P.After->getDirectCallee());
      }
    }
    Summaries.push_back(std::move(F));
  }
  llvm::sort(Summaries, [](const vfork::Function &A, const vfork::Function &B) {
    return A.Name < B.Name;
  });
  return crosstu::arrayOf(Summaries,
                          [](const vfork::Function &F) { return toJSON(F); });
}

//===-- The join ----------------------------------------------------------===//

namespace {

constexpr llvm::StringLiteral Check = "durability-vfork-misuse";

// What one unit left: its children's pieces and their findings.
struct UnitChildren {
  std::vector<vfork::Piece> Pieces;
  std::vector<crosstu::UnitFinding> Findings;
};

// Functions of internal linkage are each unit's own: their names stay apart.
std::string qualify(StringRef Name, size_t Unit) {
  return Name.starts_with("@") ? std::to_string(Unit) + Name.str() : Name.str();
}

void qualifyPieces(std::vector<vfork::Piece> &Pieces, size_t Unit) {
  for (vfork::Piece &P : Pieces)
    if (!P.isStart())
      P.After = qualify(P.After, Unit);
}

bool readChildren(const llvm::json::Object &S, size_t FileCount,
                  UnitChildren &Out, llvm::json::Path P) {
  if (!crosstu::readEach(S.getArray("children"), Out.Pieces,
                         P.field("children"), vfork::readChildPiece) ||
      !crosstu::readEach(
          S.getArray("findings"), Out.Findings, P.field("findings"),
          [](const llvm::json::Value &V, crosstu::UnitFinding &F,
             llvm::json::Path FP) { return fromJSON(V, F, FP); }))
    return false;
  auto Known = [&](unsigned F) { return F < Out.Findings.size(); };
  auto ChainFits = [&](const vfork::Piece &Piece) {
    return Known(Piece.UnsafeCall) &&
           uint64_t(Piece.ChainAt) + Piece.ChainLen <=
               Out.Findings[Piece.UnsafeCall].Notes.size();
  };
  bool Fits = vfork::wellFormed(Out.Pieces) &&
              llvm::all_of(Out.Findings,
                           [&](const crosstu::UnitFinding &F) {
                             return crosstu::fitsFiles(F, FileCount);
                           }) &&
              llvm::all_of(Out.Pieces, [&](const vfork::Piece &Piece) {
                return llvm::all_of(Piece.Findings, Known) &&
                       (Piece.isStart() || ChainFits(Piece));
              });
  if (!Fits)
    P.report("a piece or finding out of range");
  return Fits;
}

// The findings a unit's children make, its open calls' callees having the
// statuses given: each with the piece after the open call it is at, if it
// is at one.
std::vector<std::pair<unsigned, const vfork::Piece *>>
childFindings(const UnitChildren &C, vfork::StatusOf Status) {
  std::vector<std::pair<unsigned, const vfork::Piece *>> Out;
  vfork::walkPieces(
      C.Pieces, Status,
      [&](const vfork::Piece &P) {
        for (unsigned F : P.Findings)
          Out.push_back({F, nullptr});
      },
      [&](const vfork::Piece &P) { Out.push_back({P.UnsafeCall, &P}); });
  return Out;
}

// The notes that walk down from a call of an unsafe function to what makes
// it unsafe in a child, through the units that define the functions on the
// way.
class Chains {
public:
  Chains(const vfork::Program &Whole, llvm::ArrayRef<crosstu::UnitView> Units,
         vfork::StatusOf Status)
      : Whole(Whole), Units(Units), Status(Status) {}

  std::vector<crosstu::Message> below(StringRef Callee) const {
    std::vector<crosstu::Message> Out;
    std::set<std::string> Seen;
    std::string Name = Callee.str();
    while (Seen.insert(Name).second) {
      const vfork::Program::Definition *Def = unsafeDefinition(Name);
      if (!Def)
        break;
      // What the function does itself explains it best; else the first
      // unsafe open call of a function not yet on the chain.
      const vfork::Piece *Violates = nullptr, *Call = nullptr;
      llvm::ArrayRef<vfork::Piece> Pieces = Def->F->Pieces;
      vfork::walkPieces(
          Pieces, Status,
          [&](const vfork::Piece &P) {
            if (!P.Why.empty() && (!Violates || &P < Violates))
              Violates = &P;
          },
          [&](const vfork::Piece &P) {
            if (!Seen.count(P.After) && (!Call || &P < Call))
              Call = &P;
          });
      const vfork::Piece *Step = Violates ? Violates : Call;
      if (!Step)
        break;
      for (const crosstu::UnitMessage &M : Violates ? Step->Why : Step->Call)
        Out.push_back(Units[Def->Unit].message(M));
      if (Violates)
        break;
      Name = Step->After;
    }
    return Out;
  }

private:
  const vfork::Program::Definition *unsafeDefinition(StringRef Name) const {
    for (const vfork::Program::Definition &D : Whole.definitions(Name))
      if (vfork::statusOf(*D.F, Status) == vfork::Status::Unsafe)
        return &D;
    return nullptr;
  }

  const vfork::Program &Whole;
  llvm::ArrayRef<crosstu::UnitView> Units;
  vfork::StatusOf Status;
};

// A finding's text and places, to tell findings at one place apart.
std::string signature(const crosstu::Finding &F) {
  std::string S;
  auto Add = [&](const crosstu::Message &M) {
    S += M.File + ":" + std::to_string(M.Offset) + ":" + M.Text + "\n";
    for (const crosstu::Edit &E : M.Fix)
      S += E.File + ":" + std::to_string(E.Offset) + "+" +
           std::to_string(E.Length) + ":" + E.Text + "\n";
  };
  Add(F.Warning);
  for (const crosstu::Message &N : F.Notes)
    Add(N);
  return S;
}

bool notesFit(const vfork::Function &F, size_t FileCount) {
  auto Fits = [&](const crosstu::UnitMessage &M) {
    return crosstu::fitsFiles(M, FileCount);
  };
  return llvm::all_of(F.Pieces, [&](const vfork::Piece &P) {
    return llvm::all_of(P.Why, Fits) && llvm::all_of(P.Call, Fits);
  });
}

// What a unit left: every function summary, named apart where the unit's
// own, and its children.
struct UnitSummaries {
  std::vector<vfork::Function> Functions;
  UnitChildren Children;
};

bool readUnit(const crosstu::UnitView &View, size_t Unit, UnitSummaries &Into,
              std::string &Why) {
  const llvm::json::Object *S =
      View.Section ? View.Section->getAsObject() : nullptr;
  llvm::json::Path::Root Root;
  if (!S ||
      !crosstu::readEach(
          S->getArray("functions"), Into.Functions,
          llvm::json::Path(Root).field("functions"),
          [](const llvm::json::Value &V, vfork::Function &F,
             llvm::json::Path P) { return fromJSON(V, F, P); }) ||
      !readChildren(*S, View.Files.size(), Into.Children, Root)) {
    Why = S ? llvm::toString(Root.getError()) : "expected an object";
    return false;
  }
  for (vfork::Function &F : Into.Functions) {
    if (!notesFit(F, View.Files.size())) {
      Why = "a note out of range";
      return false;
    }
    F.Name = qualify(F.Name, Unit);
    qualifyPieces(F.Pieces, Unit);
  }
  qualifyPieces(Into.Children.Pieces, Unit);
  return true;
}

// The findings at one place: those the units made alone, and those that
// hold in the whole program, each with the unit to report it for and
// whether a warning there is reported.
struct AtPlace {
  std::set<std::string> Alone;
  std::map<std::string, std::pair<crosstu::Finding, bool>> Holds;

  void holds(crosstu::Finding F, bool Reportable) {
    auto [It, New] = Holds.try_emplace(signature(F), F, Reportable);
    if (!New && Reportable && !It->second.second)
      It->second = {std::move(F), Reportable};
  }
  // Whether every finding made alone holds.
  bool kept() const {
    return llvm::all_of(
        Alone, [&](const std::string &S) { return Holds.count(S) != 0; });
  }
};

} // namespace

namespace {

// The join over the units' summaries, which it keeps between joins: each
// join reads the units that changed, and solves the whole program again.
class SummariesJoiner : public crosstu::Joiner {
public:
  bool join(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, crosstu::Verdicts &Out,
            std::string &Error) override;

private:
  /// By unit; null for a unit that left no summaries.
  std::vector<std::unique_ptr<UnitSummaries>> Summaries;
  vfork::Program Whole;
};

bool SummariesJoiner::join(llvm::ArrayRef<crosstu::UnitView> Units,
                           const std::vector<bool> &Changed,
                           crosstu::Verdicts &Out, std::string &Error) {
  std::vector<std::pair<unsigned, std::unique_ptr<UnitSummaries>>> Again;
  auto SectionOf = [](const crosstu::UnitView &U) { return U.Section; };
  auto Read = [&](const crosstu::UnitView &View, const llvm::json::Value &,
                  UnitSummaries &Into, std::string &Why) {
    return readUnit(View, &View - Units.data(), Into, Why);
  };
  if (!crosstu::readSections(Units, Changed, SectionOf, Read,
                             "unreadable vfork summaries", Again, Error))
    return false;
  Summaries.resize(Units.size());
  for (auto &[U, New] : Again) {
    // The program lets go of the old summaries before they are freed.
    llvm::ArrayRef<vfork::Function> Functions;
    if (New)
      Functions = New->Functions;
    Whole.setUnit(U, Functions);
    Summaries[U] = std::move(New);
  }
  const UnitChildren None;
  auto ChildrenOf = [&](size_t U) -> const UnitChildren & {
    return Summaries[U] ? Summaries[U]->Children : None;
  };
  Whole.solve();
  // A name no unit summarises is Unsafe, the first status.
  auto Solved = [&](StringRef Name) { return Whole.status(Name); };
  auto Unsafe = [](StringRef) { return vfork::Status::Unsafe; };
  Chains Chain(Whole, Units, Solved);
  std::map<crosstu::FindingKey, AtPlace> Places;
  for (size_t U = 0; U < Units.size(); ++U) {
    const UnitChildren &C = ChildrenOf(U);
    auto Place = [&](const crosstu::Finding &F) -> AtPlace & {
      return Places[{F.Check, F.Warning.File, F.Warning.Offset}];
    };
    for (auto [I, AtCall] : childFindings(C, Unsafe)) {
      crosstu::Finding F = toFinding(C.Findings[I], Check, U, Units[U]);
      Place(F).Alone.insert(signature(F));
    }
    for (auto [I, AtCall] : childFindings(C, Solved)) {
      crosstu::Finding F = toFinding(C.Findings[I], Check, U, Units[U]);
      // The unit saw the chain below the callee only as far as itself.
      if (AtCall) {
        std::vector<crosstu::Message> Below = Chain.below(AtCall->After);
        auto First = F.Notes.begin() + AtCall->ChainAt;
        F.Notes.insert(F.Notes.erase(First, First + AtCall->ChainLen),
                       Below.begin(), Below.end());
      }
      Place(F).holds(std::move(F), C.Findings[I].Reportable);
    }
  }
  for (auto &[Key, At] : Places) {
    bool Kept = At.kept();
    // A finding that no longer holds takes the others at its place along.
    if (!Kept)
      Out.Dropped.insert(Key);
    for (auto &[Signature, Held] : At.Holds)
      if (Held.second && (!Kept || !At.Alone.count(Signature)))
        Out.Added.push_back(std::move(Held.first));
  }
  return true;
}

} // namespace

std::unique_ptr<crosstu::Joiner> VforkMisuseCheck::makeJoiner() {
  return std::make_unique<SummariesJoiner>();
}

} // namespace durcheck
