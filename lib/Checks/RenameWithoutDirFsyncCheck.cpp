//===- RenameWithoutDirFsyncCheck.cpp - rename without a dir fsync -------===//

#include "Checks/RenameWithoutDirFsyncCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/CallerSyncs.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Analysis/RenameDurability.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include <cstring>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {
namespace {

// Helper names such as fsync_parent_dir, fsyncFileDir, SyncDirIfManifest,
// DirSync or SYNC_DIRECTORY: "sync" or "flush" and a whole word "dir",
// "directory" or "parent", in either order, in snake, camel or upper case.
// Matched case-sensitively so that the word ends where the case changes:
// flush_dirty_pages is no directory sync.
constexpr char DefaultDirSyncFunctionPattern[] =
    "([Ss]ync|SYNC|[Ff]lush|FLUSH).*"
    "([Dd]ir|DIR|[Pp]arent|PARENT)([Ee]ctory|ECTORY)?([A-Z0-9_]|$)"
    "|([Dd]ir|DIR|[Pp]arent|PARENT)([Ee]ctory|ECTORY)?([A-Z0-9_]|$)"
    ".*([Ss]ync|SYNC)";

//===-- Source text -------------------------------------------------------===//

std::optional<StringRef> fileText(SourceRange Range, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts());
  if (R.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text;
}

const StringLiteral *literalPath(const Expr *E) {
  const auto *Lit = dyn_cast<StringLiteral>(model::stripPathWrappers(E));
  return Lit && Lit->isOrdinary() ? Lit : nullptr;
}

std::string quoteC(StringRef S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      Out += '\\';
      Out += C;
    } else if (C < 0x20 || C >= 0x7f) {
      char Buf[5];
      snprintf(Buf, sizeof Buf, "\\%03o", C);
      Out += Buf;
    } else {
      Out += C;
    }
  }
  return Out + "\"";
}

// How the message names the destination: the literal, or the spelling of
// a short side-effect-free expression.
std::string describeDest(const Expr *Dest, const ASTContext &Ctx) {
  if (const StringLiteral *Lit = literalPath(Dest))
    return quoteC(Lit->getString());
  const Expr *Stripped = model::stripPathWrappers(Dest);
  if (!isa<DeclRefExpr, MemberExpr>(Stripped))
    return {};
  std::optional<StringRef> Text = fileText(Dest->getSourceRange(), Ctx);
  if (!Text || Text->size() > 40 || Text->contains('\n'))
    return {};
  return "'" + Text->str() + "'";
}

// The directory a literal path is in, as dirname(3) computes it.
std::string parentOf(StringRef Path) {
  while (Path.size() > 1 && Path.ends_with("/"))
    Path = Path.drop_back();
  size_t Slash = Path.rfind('/');
  if (Slash == StringRef::npos)
    return ".";
  Path = Path.take_front(Slash);
  while (Path.size() > 1 && Path.ends_with("/"))
    Path = Path.drop_back();
  return Path.empty() ? "/" : Path.str();
}

//===-- The code a fix inserts --------------------------------------------===//

// A block that opens OpenArg as a directory, fsyncs and closes it. Before
// and After wrap the open, which is nested Nesting deeper inside them.
SyncSnippet openAndSync(std::string OpenArg, std::vector<std::string> Before,
                        std::vector<std::string> After,
                        std::vector<const char *> Headers, StringRef Nesting) {
  std::string I = Nesting.str();
  SyncSnippet S;
  S.Lines.push_back("{");
  for (std::string &L : Before)
    S.Lines.push_back("  " + L);
  S.Lines.push_back("  " + I + "int durcheck_dfd = open(" + OpenArg +
                    ", O_RDONLY | O_DIRECTORY);");
  S.Lines.push_back("  " + I + "if (durcheck_dfd >= 0) {");
  S.Lines.push_back("  " + I + "  fsync(durcheck_dfd);");
  S.Lines.push_back("  " + I + "  close(durcheck_dfd);");
  S.Lines.push_back("  " + I + "}");
  for (std::string &L : After)
    S.Lines.push_back("  " + L);
  S.Lines.push_back("}");
  S.Headers = std::move(Headers);
  return S;
}

const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  return Parents.size() == 1 ? Parents[0].get<Stmt>() : nullptr;
}

// AT_FDCWD is -100 on Linux; its macro is not a single token to look up.
bool isAtFdcwd(const Expr *DirFd, const ASTContext &Ctx) {
  Expr::EvalResult R;
  return DirFd->EvaluateAsInt(R, Ctx) && R.Val.getInt() == -100;
}

// The directory sync to insert after the rename, or nullopt where the
// destination cannot be spelled at the insertion point.
std::optional<SyncSnippet> buildSnippet(const model::RenameCall &R,
                                        StringRef Helper,
                                        const ASTContext &Ctx) {
  std::optional<StringRef> DestText = fileText(R.Dest->getSourceRange(), Ctx);
  // The fix evaluates the destination again; c_str() and the like do not
  // count as side effects, though clang cannot prove them pure.
  bool Pure = !model::stripPathWrappers(R.Dest)->HasSideEffects(Ctx);
  if (!Helper.empty()) {
    if (!DestText || !Pure)
      return std::nullopt;
    return SyncSnippet{{Helper.str() + "(" + DestText->str() + ");"}, {}};
  }
  if (R.DestDirFd && !isAtFdcwd(R.DestDirFd, Ctx)) {
    std::optional<StringRef> Fd = fileText(R.DestDirFd->getSourceRange(), Ctx);
    if (!Fd || R.DestDirFd->HasSideEffects(Ctx))
      return std::nullopt;
    return SyncSnippet{{"fsync(" + Fd->str() + ");"}, {"<unistd.h>"}};
  }
  if (const StringLiteral *Lit = literalPath(R.Dest))
    return openAndSync(quoteC(parentOf(Lit->getString())), {}, {},
                       {"<fcntl.h>", "<unistd.h>"}, "");
  if (!DestText || !Pure)
    return std::nullopt;
  const LangOptions &LO = Ctx.getLangOpts();
  if (LO.CPlusPlus17)
    return openAndSync(
        "durcheck_dir.empty() ? \".\" : durcheck_dir.c_str()",
        {"std::filesystem::path durcheck_dir = std::filesystem::path(" +
         DestText->str() + ").parent_path();"},
        {}, {"<fcntl.h>", "<filesystem>", "<unistd.h>"}, "");
  if (!model::stripPathWrappers(R.Dest)->getType()->isAnyPointerType() &&
      !model::stripPathWrappers(R.Dest)->getType()->isArrayType())
    return std::nullopt;
  // dirname() may write into its argument, so it gets a copy.
  SyncSnippet S = openAndSync(
      "dirname(durcheck_copy)",
      {"char *durcheck_copy = strdup(" + DestText->str() + ");",
       "if (durcheck_copy) {"},
      {"  free(durcheck_copy);", "}"},
      {"<fcntl.h>", "<libgen.h>", "<stdlib.h>", "<string.h>", "<unistd.h>"},
      "  ");
  return S;
}

std::string render(const std::vector<std::string> &Lines, StringRef Indent) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += "\n" + Indent.str() + L;
  return Out;
}

//===-- Where a fix goes --------------------------------------------------===//

// The full expression or declaration holding the call, and its parent.
std::pair<const Stmt *, const Stmt *> enclosingStatement(const CallExpr *Call,
                                                         ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Call);
  const Stmt *Current = Call;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return {nullptr, nullptr};
    Node = Parents[0];
    if (Node.get<VarDecl>())
      continue;
    const Stmt *P = Node.get<Stmt>();
    if (!P)
      return {nullptr, nullptr};
    if (isa<Expr>(P) || (isa<DeclStmt>(P) && !isa<DeclStmt>(Current))) {
      Current = P;
      continue;
    }
    return {Current, P};
  }
}

bool leavesScope(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    S = Block->body_empty() ? nullptr : Block->body_back();
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    S = E->IgnoreImplicit();
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt, CXXThrowExpr>(S))
    return true;
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->isNoReturn();
}

// A statement that is the call alone, possibly cast to void or stored.
bool isPlainCall(const Stmt *S, const CallExpr *Call) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    return VD && VD->getInit() && VD->getInit()->IgnoreParenImpCasts() == Call;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getRHS()->IgnoreParenImpCasts();
  return E == Call;
}

// A comment that ends the statement's line stays on it: a NOLINT there
// must keep naming the statement it silences.
SourceLocation pastTrailingComment(SourceLocation Loc,
                                   const SourceManager &SM) {
  bool Invalid = false;
  const char *Begin = SM.getCharacterData(Loc, &Invalid);
  if (Invalid)
    return Loc;
  StringRef Rest(Begin, std::strcspn(Begin, "\n"));
  StringRef Code = Rest.ltrim(" \t");
  if (Code.starts_with("/*")) {
    size_t Close = Code.find("*/");
    if (Close == StringRef::npos)
      return Loc;
    Code = Code.drop_front(Close + 2).ltrim(" \t");
  }
  if (!Code.empty() && !Code.starts_with("//"))
    return Loc;
  return Loc.getLocWithOffset(Rest.rtrim("\r").size());
}

// The location just after a statement: after its closing brace, or after
// the semicolon that ends it. Invalid inside a macro's body.
SourceLocation afterStatement(const Stmt *S, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(S->getSourceRange()), SM, LO);
  if (R.isInvalid())
    return {};
  SourceLocation LastToken = SM.getExpansionRange(S->getEndLoc()).getEnd();
  const Stmt *Last = S;
  if (const auto *If = dyn_cast<IfStmt>(S))
    Last = If->getElse() ? If->getElse() : If->getThen();
  // A declaration's range ends with its semicolon, a block's with its brace.
  SourceLocation After =
      isa<CompoundStmt, DeclStmt>(Last)
          ? Lexer::getLocForEndOfToken(LastToken, 0, SM, LO)
          : Lexer::findLocationAfterToken(LastToken, tok::semi, SM, LO,
                                          /*SkipTrailingWhitespaceAndNewLine=*/
                                          false);
  return After.isValid() ? pastTrailingComment(After, SM) : After;
}

// Records the angled includes of each file. IncludeInserter only notices an
// include it would have put after the new one, so in a file whose includes
// are not sorted it would add a second copy.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM,
                  std::set<std::pair<FileID, std::string>> &Included)
      : SM(SM), Included(Included) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef Name,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (IsAngled)
      Included.emplace(SM.getFileID(HashLoc), "<" + Name.str() + ">");
  }

private:
  const SourceManager &SM;
  std::set<std::pair<FileID, std::string>> &Included;
};

class Collector : public RenameDurabilityHandler {
public:
  void handleUnsyncedCall(const UnsyncedCall &Finding) override {
    Found.push_back(Finding);
  }
  std::vector<UnsyncedCall> Found;
};

bool isRename(const CallExpr &Call) {
  return model::matchRename(&Call).has_value();
}

} // namespace

RenameWithoutDirFsyncCheck::RenameWithoutDirFsyncCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RequireIntent(Options.get("RequireIntent", true)),
      DirSyncFunctions(Options.get("DirSyncFunctions", "").str()),
      DirSyncFunctionPattern(
          Options.get("DirSyncFunctionPattern", DefaultDirSyncFunctionPattern)
              .str()),
      DirSyncFunction(Options.get("DirSyncFunction", "").str()),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Sink(FactSink::of(Context)) {
  for (StringRef F : utils::options::parseStringList(DirSyncFunctions))
    Policy.Functions.push_back(F.str());
  if (!DirSyncFunction.empty())
    Policy.Functions.push_back(DirSyncFunction);
  if (!DirSyncFunctionPattern.empty()) {
    Policy.Pattern = llvm::Regex(DirSyncFunctionPattern);
    std::string Error;
    if (!Policy.Pattern.isValid(Error))
      configurationDiag("invalid regular expression in "
                        "DirSyncFunctionPattern '%0': %1")
          << DirSyncFunctionPattern << Error;
  }
}

void RenameWithoutDirFsyncCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RequireIntent", RequireIntent);
  Options.store(Opts, "DirSyncFunctions", DirSyncFunctions);
  Options.store(Opts, "DirSyncFunctionPattern", DirSyncFunctionPattern);
  Options.store(Opts, "DirSyncFunction", DirSyncFunction);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void RenameWithoutDirFsyncCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  this->PP = PP;
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, Included));
}

void RenameWithoutDirFsyncCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  // Every use of a function only this TU can call, to see which escape.
  Finder->addMatcher(
      declRefExpr(to(functionDecl(
                      anyOf(isStaticStorageClass(), isInAnonymousNamespace()))))
          .bind("reference"),
      this);
}

void RenameWithoutDirFsyncCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("reference")) {
    InternalReferences.push_back(Ref);
    return;
  }
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (FD->isDependentContext() || !FD->hasBody())
    return;
  Functions.push_back(FD);
}

void RenameWithoutDirFsyncCheck::onEndOfTranslationUnit() {
  std::vector<const FunctionDecl *> Pending = std::move(Functions);
  std::vector<const DeclRefExpr *> References = std::move(InternalReferences);
  Functions.clear();
  InternalReferences.clear();
  if (!Ctx)
    return;
  model::OpenFlags Flags(PP);
  FunctionSummaries Summaries(Flags, Policy, *Ctx);
  for (const FunctionDecl *FD : Pending)
    Summaries.add(*FD);
  Summaries.finalize();
  std::optional<CallerSyncs> Callers;
  for (const FunctionDecl *FD : Pending) {
    const FunctionFacts *Facts = Summaries.facts(*FD);
    if (!llvm::any_of(Facts->Calls,
                      [](const CallExpr *C) { return isRename(*C); }))
      continue;
    Collector Unsynced;
    runRenameDurabilityAnalysis(*FD, *Ctx, Summaries, isRename, Unsynced);
    for (const UnsyncedCall &Finding : Unsynced.Found) {
      model::RenameCall Rename = *model::matchRename(Finding.Call);
      if (RequireIntent && !hasIntent(*FD, Rename, Summaries, Flags))
        continue;
      // Built on the first finding: most TUs have none.
      if (!Callers)
        Callers.emplace(*Ctx, Summaries, Pending, References);
      if (Callers->allCallersSync(*FD))
        continue;
      report(Finding, Rename, *Facts);
      if (Sink)
        recordDischargers(*FD, Finding, Summaries);
    }
  }
  if (Sink)
    recordDirSyncs(Pending, Summaries);
  Policy.forgetCallees();
  Ctx = nullptr;
}

// The calls a function makes whose callee another TU may show to sync a
// directory: those this TU does not already count as syncs.
static std::vector<const FunctionDecl *>
unresolvedCallees(const FunctionFacts &Facts,
                  const FunctionSummaries &Summaries, const ASTContext &Ctx) {
  std::vector<const FunctionDecl *> Callees;
  for (const CallExpr *Call : Facts.Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Summaries.isDirectorySync(*Call, Facts) ||
        Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
      continue;
    Callee = Callee->getCanonicalDecl();
    if (!llvm::is_contained(Callees, Callee))
      Callees.push_back(Callee);
  }
  return Callees;
}

void RenameWithoutDirFsyncCheck::recordDischargers(
    const FunctionDecl &FD, const UnsyncedCall &Finding,
    FunctionSummaries &Summaries) {
  CrossTUNames Names(*Ctx);
  ConditionalRename R{
      findingKey(getID(), Ctx->getSourceManager(), Finding.Call->getBeginLoc()),
      {}};
  // Rerun the analysis as if each callee synced: those that clear the
  // finding are the ones the join asks the other TUs about.
  for (const FunctionDecl *Callee :
       unresolvedCallees(*Summaries.facts(FD), Summaries, *Ctx)) {
    Summaries.assumeSyncsDirectory(Callee);
    Collector Unsynced;
    runRenameDurabilityAnalysis(FD, *Ctx, Summaries, isRename, Unsynced);
    if (llvm::none_of(Unsynced.Found, [&](const UnsyncedCall &U) {
          return U.Call == Finding.Call;
        }))
      R.DischargedBy.push_back(Names(*Callee));
  }
  Summaries.assumeSyncsDirectory(nullptr);
  if (!R.DischargedBy.empty())
    Sink->Renames.push_back(std::move(R));
}

void RenameWithoutDirFsyncCheck::recordDirSyncs(
    llvm::ArrayRef<const FunctionDecl *> Defined,
    const FunctionSummaries &Summaries) {
  CrossTUNames Names(*Ctx);
  for (const FunctionDecl *FD : Defined) {
    DirSyncFact F{Names(*FD), Summaries.syncsDirectory(*FD), {}};
    if (!F.SyncsDirectory)
      for (const FunctionDecl *Callee :
           unresolvedCallees(*Summaries.facts(*FD), Summaries, *Ctx))
        F.Callees.push_back(Names(*Callee));
    if (F.SyncsDirectory || !F.Callees.empty())
      Sink->DirSyncs.push_back(std::move(F));
  }
}

bool RenameWithoutDirFsyncCheck::hasIntent(
    const FunctionDecl &FD, const model::RenameCall &Rename,
    const FunctionSummaries &Summaries, const model::OpenFlags &Flags) const {
  const FunctionFacts &Facts = *Summaries.facts(FD);
  std::optional<model::PathKey> Source = model::pathKeyOf(Rename.Source, *Ctx);
  auto WritesSource = [&](const model::OpenCall &Open) {
    if (!Source || !Flags.writes(Open, *Ctx))
      return false;
    std::optional<model::PathKey> Opened = model::pathKeyOf(Open.Path, *Ctx);
    return Opened && *Opened == *Source;
  };
  for (const CallExpr *Call : Facts.Calls) {
    if (model::syncedFd(Call))
      return true;
    // A helper that syncs data shows the intent when it is handed the
    // source; one that syncs some other file says nothing of this rename.
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Summaries.syncsData(*Callee) &&
        llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
          std::optional<model::PathKey> Key = model::pathKeyOf(Arg, *Ctx);
          return Source && Key && *Key == *Source;
        }))
      return true;
    if (std::optional<model::OpenCall> Open = model::matchOpen(Call);
        Open && WritesSource(*Open))
      return true;
  }
  return llvm::any_of(Facts.StreamOpens, [&](const Expr *E) {
    std::optional<model::OpenCall> Open = model::matchStreamOpen(E);
    return Open && WritesSource(*Open);
  });
}

void RenameWithoutDirFsyncCheck::report(const UnsyncedCall &Finding,
                                        const model::RenameCall &R,
                                        const FunctionFacts &Facts) {
  FixPlan Plan = planFix(R, Facts);

  {
    std::string Dest = describeDest(R.Dest, *Ctx);
    auto Warning =
        Dest.empty()
            ? diag(R.Call->getBeginLoc(),
                   "rename is not durable until the parent directory of its "
                   "destination is fsynced; a crash can undo it")
            : diag(R.Call->getBeginLoc(),
                   "rename to %0 is not durable until its parent directory "
                   "is fsynced; a crash can undo it")
                  << Dest;
    if (Plan.OnWarning)
      Warning << Plan.Fixes;
  }
  diag(Finding.LeaveLoc,
       "the function %select{returns|ends}0 here without fsyncing the "
       "directory",
       DiagnosticIDs::Note)
      << (Finding.Leave == LeaveKind::Return ? 0 : 1);
  if (Plan.OnWarning)
    return;
  auto Note =
      diag(R.Call->getBeginLoc(),
           "fsync the parent directory after the rename succeeds%select{"
           "|; a directory fd opened with O_DIRECTORY, or a helper "
           "named in DirSyncFunctions, will do}0",
           DiagnosticIDs::Note)
      << (Plan.Fixes.empty() ? 1 : 0);
  Note << Plan.Fixes;
}

RenameWithoutDirFsyncCheck::FixPlan
RenameWithoutDirFsyncCheck::planFix(const model::RenameCall &R,
                                    const FunctionFacts &Facts) {
  FixPlan Plan;
  std::optional<SyncSnippet> Snippet = buildSnippet(R, DirSyncFunction, *Ctx);
  if (!Snippet)
    return Plan;
  auto [Statement, Parent] = enclosingStatement(R.Call, *Ctx);
  if (!Statement)
    return Plan;
  const SourceManager &SM = Ctx->getSourceManager();
  SourceLocation InsertAt;
  const Stmt *Anchor = Statement;
  if (isa<CompoundStmt>(Parent)) {
    // The rename alone is safe to fix; inside a larger expression the user
    // judges whether the sync belongs right after the statement.
    InsertAt = afterStatement(Statement, *Ctx);
    Plan.OnWarning = isPlainCall(Statement, R.Call);
  } else if (const auto *If = dyn_cast<IfStmt>(Parent);
             If && Statement == If->getCond() && !If->getElse() &&
             !If->getInit() && !If->getConditionVariable() &&
             leavesScope(If->getThen()) &&
             isa_and_nonnull<CompoundStmt>(parentStmt(If, *Ctx)) &&
             classifyFailureTest(If->getCond(), *Ctx, Facts) ==
                 FailureEdge::True) {
    // if (rename(...) != 0) return -1;  -- the sync goes after the if.
    Anchor = If;
    InsertAt = afterStatement(If, *Ctx);
    Plan.OnWarning = true;
  } else if (const auto *Ret = dyn_cast<ReturnStmt>(Parent);
             Ret && isPlainCall(Statement, R.Call) &&
             R.Call->getType()->isIntegerType()) {
    return planReturnFix(*Ret, R, *Snippet);
  }
  if (InsertAt.isInvalid()) {
    Plan.OnWarning = false;
    return Plan;
  }
  StringRef Indent = Lexer::getIndentationForLine(
      SM.getExpansionLoc(Anchor->getBeginLoc()), SM);
  Plan.Fixes.push_back(
      FixItHint::CreateInsertion(InsertAt, render(Snippet->Lines, Indent)));
  addIncludes(Plan, *Snippet, InsertAt);
  return Plan;
}

// `return rename(a, b);` becomes a block that syncs when the rename
// succeeded and returns its result.
RenameWithoutDirFsyncCheck::FixPlan
RenameWithoutDirFsyncCheck::planReturnFix(const ReturnStmt &Ret,
                                          const model::RenameCall &R,
                                          const SyncSnippet &Snippet) {
  FixPlan Plan;
  const SourceManager &SM = Ctx->getSourceManager();
  std::optional<StringRef> CallText = fileText(R.Call->getSourceRange(), *Ctx);
  SourceLocation End = afterStatement(&Ret, *Ctx);
  if (!CallText || End.isInvalid())
    return Plan;
  SourceLocation Begin = SM.getExpansionLoc(Ret.getBeginLoc());
  StringRef Indent = Lexer::getIndentationForLine(Begin, SM);
  std::vector<std::string> Lines = {
      "{", "  int durcheck_rc = " + CallText->str() + ";",
      "  if (durcheck_rc == 0) "};
  Lines.back() += Snippet.Lines.front();
  for (size_t I = 1; I < Snippet.Lines.size(); ++I)
    Lines.push_back("  " + Snippet.Lines[I]);
  Lines.push_back("  return durcheck_rc;");
  Lines.push_back("}");
  std::string Text = render(Lines, Indent);
  // render() starts each line on a new line; the first replaces `return`.
  Text = Text.substr(1 + Indent.size());
  Plan.Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(Begin, End), Text));
  addIncludes(Plan, Snippet, Begin);
  return Plan;
}

void RenameWithoutDirFsyncCheck::addIncludes(FixPlan &Plan,
                                             const SyncSnippet &Snippet,
                                             SourceLocation At) {
  FileID File = Ctx->getSourceManager().getFileID(At);
  for (const char *Header : Snippet.Headers)
    if (Included.count({File, Header}) == 0)
      if (std::optional<FixItHint> Include =
              Inserter.createIncludeInsertion(File, Header))
        Plan.Fixes.push_back(*Include);
}

} // namespace durcheck
