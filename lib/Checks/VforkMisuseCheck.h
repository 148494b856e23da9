//===- VforkMisuseCheck.h - durability-vfork-misuse -------------*- C++ -*-===//

#ifndef DURCHECK_CHECKS_VFORKMISUSECHECK_H
#define DURCHECK_CHECKS_VFORKMISUSECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/VforkChild.h"
#include "durcheck/CrossTU/Join.h"
#include "durcheck/CrossTU/Locations.h"
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

  /// The join: drops a finding at a call of a function another unit shows
  /// to be safe in a child.
  static bool join(llvm::ArrayRef<crosstu::UnitView> Units,
                   crosstu::Verdicts &Out, std::string &Error);

private:
  void analyseCallers(ChildCallPolicy &Policy);
  /// Driver only: the facts the cross-TU join needs.
  void recordWrappers(ChildCallPolicy &Policy);
  void recordUnseenCallee(const ChildViolation &V);
  void report(const ChildViolation &V);
  void reportCall(const ChildViolation &V);
  std::optional<clang::FixItHint> exitFix(const clang::CallExpr &Exit) const;
  std::optional<clang::FixItHint> forkFix(const clang::CallExpr &Vfork) const;

  const std::string AllowedChildFunctions;
  crosstu::UnitSink *const Sink;
  /// Driver only: the section for the join, filled over the unit.
  llvm::json::Array Wrappers, ChildCalls;
  std::optional<crosstu::Locations> Locs;

  // Collected over the TU: the function definitions and the vfork calls.
  EnclosingFunctions Functions;
  std::vector<const clang::CallExpr *> Vforks;
  /// Driver only: the exec and _exit calls, to find the wrappers.
  std::vector<const clang::CallExpr *> Ends;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_VFORKMISUSECHECK_H
