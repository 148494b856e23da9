//===- VforkMisuseCheck.h - durability-vfork-misuse -------------*- C++ -*-===//

#ifndef DURCHECK_CHECKS_VFORKMISUSECHECK_H
#define DURCHECK_CHECKS_VFORKMISUSECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/VforkChild.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// Finds vfork children that call a function other than exec or _exit,
/// write memory other than their pid, or return, before they exec or exit.
///
/// For the user-facing documentation see:
/// checks-docs/durability-vfork-misuse.rst
class VforkMisuseCheck : public clang::tidy::ClangTidyCheck {
public:
  VforkMisuseCheck(llvm::StringRef Name,
                   clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void analyseCallers();
  void report(const ChildViolation &V);
  void reportCall(const ChildViolation &V);
  std::optional<clang::FixItHint> exitFix(const clang::CallExpr &Exit) const;
  std::optional<clang::FixItHint> forkFix(const clang::CallExpr &Vfork) const;

  const std::string AllowedChildFunctions;

  // Collected over the TU: the function definitions and the vfork calls.
  std::vector<const clang::FunctionDecl *> Functions;
  std::vector<const clang::CallExpr *> Vforks;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_VFORKMISUSECHECK_H
