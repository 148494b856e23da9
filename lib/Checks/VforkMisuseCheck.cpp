//===- VforkMisuseCheck.cpp - vfork children that do more than exec -------===//

#include "Checks/VforkMisuseCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/CrossTU/Names.h"
#include "durcheck/Model/Process.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

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
  if (!Sink)
    return;
  // The functions that exec or _exit are the wrappers a child in another
  // TU may call; the driver's join needs their summaries.
  std::vector<StringRef> Ends(model::execNames().begin(),
                              model::execNames().end());
  Ends.insert(Ends.end(), {"_exit", "_Exit"});
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Ends))),
                              unless(isExpansionInSystemHeader()))
                         .bind("end"),
                     this);
}

void VforkMisuseCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Functions.collect(Result))
    return;
  if (const auto *End = Result.Nodes.getNodeAs<CallExpr>("end")) {
    Ends.push_back(End);
    return;
  }
  const auto *Vfork = Result.Nodes.getNodeAs<CallExpr>("vfork");
  if (model::isVforkCall(*Vfork) && !Vfork->containsErrors())
    Vforks.push_back(Vfork);
}

void VforkMisuseCheck::onEndOfTranslationUnit() {
  if (!Vforks.empty() || !Ends.empty()) {
    std::vector<std::string> Allowed;
    for (StringRef Name :
         utils::options::parseStringList(AllowedChildFunctions))
      Allowed.push_back(Name.trim().str());
    ChildCallPolicy Policy(std::move(Allowed), *Ctx);
    if (Sink)
      Locs.emplace(Ctx->getSourceManager(), Sink);
    analyseCallers(Policy);
    if (Sink)
      recordWrappers(Policy);
  }
  if (Sink && (!Wrappers.empty() || !ChildCalls.empty()))
    Sink->putSection(getID(),
                     llvm::json::Object{{"wrappers", std::move(Wrappers)},
                                        {"calls", std::move(ChildCalls)}});
  Wrappers.clear();
  ChildCalls.clear();
  Locs.reset();
  Functions.clear();
  Vforks.clear();
  Ends.clear();
  Ctx = nullptr;
}

// Only the functions that call vfork get a CFG.
void VforkMisuseCheck::analyseCallers(ChildCallPolicy &Policy) {
  auto Report = [this](const ChildViolation &V) { report(V); };
  Forwarder Handler(Report);
  llvm::SmallPtrSet<const FunctionDecl *, 8> Analysed;
  for (const CallExpr *Vfork : Vforks)
    for (const FunctionDecl *FD :
         Functions.at(Vfork->getBeginLoc(), Ctx->getSourceManager()))
      if (Analysed.insert(FD).second)
        runVforkChildAnalysis(*FD, Policy, Handler);
}

void VforkMisuseCheck::recordWrappers(ChildCallPolicy &Policy) {
  crosstu::FunctionNames Names(*Ctx);
  llvm::SmallPtrSet<const FunctionDecl *, 8> Recorded;
  for (const CallExpr *End : Ends)
    for (const FunctionDecl *FD :
         Functions.at(End->getBeginLoc(), Ctx->getSourceManager()))
      if (Recorded.insert(FD).second)
        if (std::optional<ChildSafety> Safety = Policy.summaryOf(*FD))
          Wrappers.push_back(llvm::json::Array{Names(*FD), Safety->SafeInChild,
                                               Safety->NeverReturns});
}

// A call of a function this TU cannot see: another TU's summary may show
// that it only execs or exits.
void VforkMisuseCheck::recordUnseenCallee(const ChildViolation &V) {
  if (!Sink || !V.Callee || V.Callee->hasBody() ||
      Ctx->getSourceManager().isInSystemHeader(V.Callee->getLocation()))
    return;
  crosstu::Loc At = Locs->locate(V.Loc);
  ChildCalls.push_back(
      llvm::json::Array{int64_t(At.File), int64_t(At.Offset),
                        crosstu::FunctionNames(*Ctx)(*V.Callee)});
}

bool VforkMisuseCheck::join(llvm::ArrayRef<crosstu::UnitView> Units,
                            crosstu::Verdicts &Out, std::string &Error) {
  // Internal functions are another unit's own: their names stay apart.
  auto Qualify = [](llvm::StringRef Name, size_t Unit) {
    return Name.starts_with("@") ? std::to_string(Unit) + Name.str()
                                 : Name.str();
  };
  llvm::StringMap<bool> Safe;
  for (size_t U = 0; U < Units.size(); ++U) {
    const llvm::json::Object *S =
        Units[U].Section ? Units[U].Section->getAsObject() : nullptr;
    const llvm::json::Array *Wrappers = S ? S->getArray("wrappers") : nullptr;
    for (const llvm::json::Value &W :
         Wrappers ? *Wrappers : llvm::json::Array()) {
      const llvm::json::Array *A = W.getAsArray();
      if (!A || A->size() != 3 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsBoolean()) {
        Error = "unreadable vfork summaries in " + Units[U].Origin.str();
        return false;
      }
      Safe[Qualify(*(*A)[0].getAsString(), U)] |= *(*A)[1].getAsBoolean();
    }
  }
  for (size_t U = 0; U < Units.size(); ++U) {
    const llvm::json::Object *S =
        Units[U].Section ? Units[U].Section->getAsObject() : nullptr;
    const llvm::json::Array *Calls = S ? S->getArray("calls") : nullptr;
    for (const llvm::json::Value &C : Calls ? *Calls : llvm::json::Array()) {
      const llvm::json::Array *A = C.getAsArray();
      if (!A || A->size() != 3 || !(*A)[0].getAsInteger() ||
          !(*A)[1].getAsInteger() || !(*A)[2].getAsString() ||
          *(*A)[0].getAsInteger() >= int64_t(Units[U].Files.size())) {
        Error = "unreadable vfork summaries in " + Units[U].Origin.str();
        return false;
      }
      if (Safe.lookup(Qualify(*(*A)[2].getAsString(), U)))
        Out.Dropped.insert({"durability-vfork-misuse",
                            Units[U].file(*(*A)[0].getAsInteger()),
                            unsigned(*(*A)[1].getAsInteger())});
    }
  }
  return true;
}

void VforkMisuseCheck::report(const ChildViolation &V) {
  switch (V.Action) {
  case ChildAction::Call:
    reportCall(V);
    recordUnseenCallee(V);
    break;
  case ChildAction::Write:
    diag(V.Loc, "vfork child writes to %0 before exec or _exit, which is "
                "undefined: the memory belongs to the suspended parent")
        << describeWritten(V, *Ctx);
    break;
  case ChildAction::Return:
  case ChildAction::FallOffEnd:
  case ChildAction::Throw:
    diag(V.Loc, "vfork child %select{returns from|falls off the end of|throws "
                "out of}0 the function that called vfork, which is undefined: "
                "the parent resumes in the stack frame the child left")
        << (V.Action == ChildAction::Return       ? 0
            : V.Action == ChildAction::FallOffEnd ? 1
                                                  : 2);
    break;
  }
  diag(V.Vfork->getBeginLoc(), "child process created by vfork here",
       DiagnosticIDs::Note);
  if (V.Action != ChildAction::Call)
    return;
  // Real work before exec needs a process of its own; that changes the
  // program's cost and semantics, so the fix is the user's to take.
  const auto *Call = dyn_cast<CallExpr>(V.At);
  if (Call && model::isExitCall(*Call))
    return;
  auto Note = diag(V.Vfork->getBeginLoc(),
                   "use fork() if the child must do this before exec, or "
                   "posix_spawn() to run a program",
                   DiagnosticIDs::Note);
  if (std::optional<FixItHint> Fix = forkFix(*V.Vfork))
    Note << *Fix;
}

void VforkMisuseCheck::reportCall(const ChildViolation &V) {
  const auto *Call = dyn_cast<CallExpr>(V.At);
  if (Call && model::isExitCall(*Call)) {
    // _exit ends the child just as exit would, without touching the
    // parent's handlers and buffers: always safe, so on the warning.
    auto Warning = diag(V.Loc, "vfork child calls %0, which runs the "
                               "parent's atexit handlers and flushes its "
                               "stdio buffers; call _exit instead")
                   << V.Callee;
    if (std::optional<FixItHint> Fix = exitFix(*Call))
      Warning << *Fix;
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(V.At))
    diag(V.Loc, "vfork child constructs %0 before exec or _exit, which is "
                "undefined: it runs on the memory and stack of the suspended "
                "parent")
        << Construct->getType();
  else if (V.Callee)
    diag(V.Loc, "vfork child calls %0 before exec or _exit, which is "
                "undefined: it runs on the memory and stack of the suspended "
                "parent")
        << V.Callee;
  else
    diag(V.Loc, "vfork child calls a function through a pointer before exec "
                "or _exit, which is undefined: it runs on the memory and "
                "stack of the suspended parent");
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

} // namespace durcheck
