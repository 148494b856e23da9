//===- RenameWithoutFileFsyncCheck.h - rename without a file fsync -*- C++ -*-//

#ifndef DURCHECK_CHECKS_RENAMEWITHOUTFILEFSYNCCHECK_H
#define DURCHECK_CHECKS_RENAMEWITHOUTFILEFSYNCCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/RenamedData.h"
#include "durcheck/CrossTU/Join.h"
#include <string>

namespace durcheck {

/// Finds files whose written data is renamed over their destination before
/// it is fsynced, which a crash can leave empty or torn.
///
/// For the user-facing documentation see:
/// checks-docs/durability-rename-without-file-fsync.rst
class RenameWithoutFileFsyncCheck : public clang::tidy::ClangTidyCheck {
public:
  RenameWithoutFileFsyncCheck(llvm::StringRef Name,
                              clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// The join that drops the findings whose file a helper of another unit
  /// syncs.
  static std::unique_ptr<crosstu::Joiner> makeJoiner();

private:
  std::vector<std::string> functionList(llvm::StringRef Option,
                                        llvm::StringRef Value);
  void report(const RenamedUnsynced &F, const clang::FunctionDecl &FD);
  /// The summaries and unseen helpers the join needs.
  llvm::json::Value section(
      llvm::ArrayRef<std::pair<const RenamedUnsynced *, crosstu::Loc>> Pending);

  const std::string DataSyncFunctions;
  const std::string FileWriteFunctions;
  DataSyncPolicy Policy;
  crosstu::UnitSink *const Sink;

  EnclosingFunctions Functions;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_RENAMEWITHOUTFILEFSYNCCHECK_H
