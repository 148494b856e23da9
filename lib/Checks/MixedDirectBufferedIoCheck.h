//===- MixedDirectBufferedIoCheck.h - durability-mixed-direct-buffered-io -===//

#ifndef DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H
#define DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/MixedOpens.h"
#include "durcheck/Analysis/OpenModes.h"
#include "durcheck/CrossTU/Join.h"
#include "durcheck/Model/Syscalls.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace durcheck {

/// Finds files that are opened with O_DIRECT at one site and through the
/// page cache at another, where buffered reads can return stale data.
///
/// For the user-facing documentation see:
/// checks-docs/durability-mixed-direct-buffered-io.rst
class MixedDirectBufferedIoCheck : public clang::tidy::ClangTidyCheck {
public:
  MixedDirectBufferedIoCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// The join: pairs a buffered open with a direct open of the same file
  /// in another unit.
  static bool join(llvm::ArrayRef<crosstu::UnitView> Units,
                   crosstu::Verdicts &Out, std::string &Error);

private:
  /// An open whose file and mode are known.
  struct Site {
    model::OpenCall Open;
    OpenFact Fact;
    /// The fcntl that gave the open's descriptor O_DIRECT, if any.
    const clang::CallExpr *SetDirect = nullptr;
  };
  std::optional<Site> classify(const model::OpenCall &Open,
                               const clang::FunctionDecl *FD);
  const OpenModes &modesOf(const clang::FunctionDecl &FD);
  void judgeOpens();
  /// The definition whose body holds E, or null outside any function.
  const clang::FunctionDecl *enclosing(const clang::Expr *E);
  /// Warns at a buffered open, with a note at its direct partner.
  void report(const Site &Buffered, const Site &Direct);
  void recordOpens(const std::vector<Site> &Sites,
                   const std::vector<bool> &Reported);
  static clang::SourceLocation directLoc(const Site &Direct);
  static DirectHow directHow(const Site &Direct);
  static bool isFdOpen(const Site &S);
  std::optional<clang::FixItHint> addDirectFlag(const model::OpenCall &Open);

  const std::string OpenLikeFunctionsOption;
  const bool IgnoreWriteOnlyOpens;
  std::vector<model::OpenLikeFunction> OpenLikeFunctions;
  crosstu::UnitSink *const Sink;

  // Collected over the TU, judged at its end.
  std::vector<const clang::Expr *> Candidates;
  EnclosingFunctions Functions;
  llvm::DenseSet<clang::SourceLocation> Seen;
  llvm::DenseMap<const clang::FunctionDecl *, OpenModes> Modes;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H
