//===- MixedDirectBufferedIoCheck.h - durability-mixed-direct-buffered-io -===//

#ifndef DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H
#define DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H

#include "Checks/MixedReport.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/CrossTU/Join.h"
#include "durcheck/CrossTU/Locations.h"
#include "durcheck/Model/Syscalls.h"
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
  /// in another unit, also through wrappers that other units define. It
  /// keeps each unit's summaries between joins.
  static std::unique_ptr<crosstu::Joiner> makeJoiner();

private:
  void judgeOpens();
  void report(const mixed::ReportedMixed &R, crosstu::Locations &Locs);
  std::optional<clang::FixItHint> addDirectFlag(const clang::Expr &Flags);

  const std::string OpenLikeFunctionsOption;
  const bool IgnoreWriteOnlyOpens;
  std::vector<model::OpenLikeFunction> OpenLikeFunctions;
  crosstu::UnitSink *const Sink;

  // Collected over the TU, judged at its end.
  std::vector<const clang::Expr *> Candidates;
  EnclosingFunctions Functions;
  llvm::DenseSet<clang::SourceLocation> Seen;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_MIXEDDIRECTBUFFEREDIOCHECK_H
