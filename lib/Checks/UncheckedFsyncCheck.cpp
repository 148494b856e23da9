//===- UncheckedFsyncCheck.cpp - durability-unchecked-fsync ---------------===//

#include "Checks/UncheckedFsyncCheck.h"
#include "Checks/OptionValues.h"
#include "durcheck/Analysis/AccessPath.h"
#include "durcheck/Analysis/Spelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {

UncheckedFsyncCheck::UncheckedFsyncCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SyncFunctions(Options.get("SyncFunctions", "").str()),
      CheckClose(Options.get("CheckClose", false)) {
  Policy.ExtraFunctions = functionNames(SyncFunctions, [&](StringRef F) {
    configurationDiag("invalid entry '%0' in SyncFunctions; expected a "
                      "function name")
        << F;
  });
  Policy.CheckClose = CheckClose;
}

void UncheckedFsyncCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SyncFunctions", SyncFunctions);
  Options.store(Opts, "CheckClose", CheckClose);
}

void UncheckedFsyncCheck::registerPPCallbacks(const SourceManager &,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  this->PP = PP;
}

void UncheckedFsyncCheck::registerMatchers(MatchFinder *Finder) {
  EnclosingFunctions::registerMatchers(*Finder, this);
  // Most functions sync nothing: only those that call a sync are walked.
  std::vector<std::string> Names = followedCallees(Policy);
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(Refs)))).bind("sync"), this);
}

void UncheckedFsyncCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("sync"))
    SyncCalls.push_back(Call->getBeginLoc());
  else
    Functions.collect(Result);
}

std::string UncheckedFsyncCheck::calleeOf(const SyncFinding &F) const {
  const FunctionDecl *Callee = F.Call->getDirectCallee();
  return "'" + (Callee ? Callee->getNameAsString() : "sync") + "'";
}

std::string UncheckedFsyncCheck::targetOf(const SyncFinding &F) const {
  if (F.Call->getNumArgs() == 0)
    return {};
  std::optional<StringRef> Text =
      sourceText(F.Call->getArg(0)->getSourceRange(), *Ctx);
  return Text ? quoteForMessage(*Text) : std::string();
}

std::string UncheckedFsyncCheck::shapeOf(const SyncFinding &F) const {
  std::optional<StringRef> Call = sourceText(F.Call->getSourceRange(), *Ctx);
  std::string Text =
      Call && !Call->contains('\n')
          ? Call->str()
          : calleeOf(F).substr(1, calleeOf(F).size() - 2) + "(...)";
  return "if (" + Text + " != 0)";
}

void UncheckedFsyncCheck::report(const SyncFinding &F) {
  std::string Callee = calleeOf(F);
  std::string Target = targetOf(F);
  SourceLocation At = F.Call->getBeginLoc();
  switch (F.Kind) {
  case SyncFinding::Ignored:
    if (F.IsClose)
      diag(At, "result of %0 is ignored after writes to %1 that are never "
               "fsynced; a write error that close reports is lost")
          << Callee << (Target.empty() ? "the fd" : Target);
    else
      diag(At, "result of %0 is ignored; if it fails, the data may not be "
               "on disk and nothing finds out")
          << Callee;
    break;
  case SyncFinding::Overwritten:
    diag(At, "result of %0 stored in %1 is overwritten before it is read; a "
             "failure is lost")
        << Callee << F.Var;
    diag(F.Other, "%0 is assigned again here", DiagnosticIDs::Note) << F.Var;
    break;
  case SyncFinding::NeverRead:
    diag(At, "result of %0 stored in %1 is not read on some path; a failure "
             "is lost")
        << Callee << F.Var;
    break;
  case SyncFinding::Retried:
    diag(At, "%0 of %1 is retried after it failed; Linux reports a writeback "
             "error once and marks the pages clean, so the retry can succeed "
             "with the data lost")
        << Callee << (Target.empty() ? "the fd" : Target);
    diag(F.Other,
         "the sync fails here, and this path goes on to sync the "
         "same file again",
         DiagnosticIDs::Note);
    diag(At,
         "on failure, return an error, abort, or reopen the file and write "
         "the data again before syncing it",
         DiagnosticIDs::Note);
    return;
  }
  if (F.IsClose)
    diag(At,
         "check it: '%0' then return an error; or fsync the fd before "
         "closing it and check that",
         DiagnosticIDs::Note)
        << shapeOf(F);
  else
    diag(At,
         "check it: '%0' then return an error, abort, or reopen the file and "
         "write the data again; do not retry the sync",
         DiagnosticIDs::Note)
        << shapeOf(F);
}

void UncheckedFsyncCheck::onEndOfTranslationUnit() {
  if (Ctx && !SyncCalls.empty()) {
    llvm::DenseSet<const FunctionDecl *> Syncing;
    for (SourceLocation Loc : SyncCalls)
      for (const FunctionDecl *FD : Functions.at(Loc, Ctx->getSourceManager()))
        Syncing.insert(FD);
    model::OpenFlags Flags(PP);
    for (const FunctionDecl *FD : Functions.all())
      if (Syncing.contains(FD))
        for (const SyncFinding &F :
             findUncheckedSyncs(*FD, *Ctx, Flags, Policy))
          report(F);
  }
  Functions.clear();
  SyncCalls.clear();
  Ctx = nullptr;
}

} // namespace durcheck
