//===- EnclosingFunctions.cpp - The function a location lies in ----------===//

#include "durcheck/Analysis/EnclosingFunctions.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace durcheck {

void EnclosingFunctions::registerMatchers(
    MatchFinder &Finder, MatchFinder::MatchCallback *Callback) {
  Finder.addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("durcheck-function"),
      Callback);
  Finder.addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("durcheck-lambda"),
      Callback);
}

bool EnclosingFunctions::collect(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("durcheck-function");
  if (const auto *Lambda =
          Result.Nodes.getNodeAs<LambdaExpr>("durcheck-lambda"))
    FD = Lambda->getCallOperator();
  if (!FD)
    return false;
  // A defaulted or deleted definition has no body to look into.
  if (!FD->isDependentContext() && FD->getBody() && Seen.insert(FD).second)
    Functions.push_back(FD);
  return true;
}

std::vector<const FunctionDecl *>
EnclosingFunctions::at(SourceLocation Loc, const SourceManager &SM) const {
  auto BodyBegin = [&](const FunctionDecl *FD) {
    return SM.getExpansionLoc(FD->getBody()->getBeginLoc());
  };
  auto Holds = [&](const FunctionDecl *FD, SourceLocation L) {
    SourceLocation End = SM.getExpansionLoc(FD->getBody()->getEndLoc());
    return !SM.isBeforeInTranslationUnit(L, BodyBegin(FD)) &&
           !SM.isBeforeInTranslationUnit(End, L);
  };
  Loc = SM.getExpansionLoc(Loc);
  std::vector<const FunctionDecl *> Holders;
  for (const FunctionDecl *FD : Functions) {
    if (!Holds(FD, Loc))
      continue;
    // A body that begins later is nested in the others: a lambda's.
    if (!Holders.empty() &&
        SM.isBeforeInTranslationUnit(BodyBegin(Holders.front()), BodyBegin(FD)))
      Holders.clear();
    if (Holders.empty() || BodyBegin(Holders.front()) == BodyBegin(FD))
      Holders.push_back(FD);
  }
  return Holders;
}

} // namespace durcheck
