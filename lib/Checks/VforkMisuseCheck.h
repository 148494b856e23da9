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

  /// The join: solves what every function a child calls means to it over
  /// the whole program, then follows each child through the open calls its
  /// unit could not judge. It drops the findings at calls that turn out
  /// safe, adds what a child does after those that return, and gives the
  /// calls that turn out unsafe the notes down the chain below them.
  /// It keeps each unit's summaries between joins.
  static std::unique_ptr<crosstu::Joiner> makeJoiner();

private:
  /// A warning or note, as the check words it.
  struct Message {
    clang::SourceLocation Loc;
    std::string Text;
    std::vector<clang::FixItHint> Fix;
  };

  /// The finding of a violation: its warning, then its notes.
  struct Rendered {
    std::vector<Message> Messages;
    /// The notes that walk down the chain below the callee of a call:
    /// Messages[ChainBegin, ChainEnd).
    size_t ChainBegin = 0;
    size_t ChainEnd = 0;
  };

  void analyseCallers(ChildCallPolicy &Policy);
  Rendered render(const ChildViolation &V, ChildCallPolicy &Policy) const;
  std::string warningText(const ChildViolation &V) const;
  std::string callText(const ChildViolation &V) const;
  /// What a violation does, after its subject: "calls 'printf'".
  std::string actionText(const ChildViolation &V) const;
  /// "'exec_logged' calls 'printf' here".
  Message stepNote(const ChildStep &S) const;
  void report(const ChildViolation &V, ChildCallPolicy &Policy);
  std::optional<clang::FixItHint> exitFix(const clang::CallExpr &Exit) const;
  std::optional<clang::FixItHint> forkFix(const clang::CallExpr &Vfork) const;

  /// Driver only: what the join needs of the unit.
  void leaveSection(ChildCallPolicy &Policy);
  llvm::json::Object
  childrenJSON(ChildCallPolicy &Policy, crosstu::Locations &Locs,
               std::vector<const clang::FunctionDecl *> &Callees);
  llvm::json::Array
  functionsJSON(ChildCallPolicy &Policy, crosstu::Locations &Locs,
                std::vector<const clang::FunctionDecl *> Callees);
  std::vector<crosstu::UnitMessage> chainNotes(llvm::ArrayRef<ChildStep> Steps,
                                               crosstu::Locations &Locs) const;

  const std::string AllowedChildFunctions;
  crosstu::UnitSink *const Sink;

  // Collected over the TU: the function definitions and the vfork calls.
  EnclosingFunctions Functions;
  std::vector<const clang::CallExpr *> Vforks;
  /// Driver only: the pieces of the children of the vfork calls, by
  /// function.
  std::vector<std::vector<ChildPiece>> Children;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_VFORKMISUSECHECK_H
