//===- UncheckedFsyncCheck.h - durability-unchecked-fsync -------*- C++ -*-===//

#ifndef DURCHECK_CHECKS_UNCHECKEDFSYNCCHECK_H
#define DURCHECK_CHECKS_UNCHECKEDFSYNCCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/SyncResults.h"
#include <string>
#include <vector>

namespace durcheck {

/// Finds fsync results that are ignored, lost before they are read, or
/// answered by syncing the same fd again after a failure.
///
/// For the user-facing documentation see:
/// checks-docs/durability-unchecked-fsync.rst
class UncheckedFsyncCheck : public clang::tidy::ClangTidyCheck {
public:
  UncheckedFsyncCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void report(const SyncFinding &F);
  /// How a message names the call's callee and fd: 'fsync', 'fd'.
  std::string calleeOf(const SyncFinding &F) const;
  std::string targetOf(const SyncFinding &F) const;
  /// The test to write around the call, for the note that shows it.
  std::string shapeOf(const SyncFinding &F) const;

  const std::string SyncFunctions;
  const bool CheckClose;
  SyncPolicy Policy;

  EnclosingFunctions Functions;
  /// Where the unit calls a sync: the functions around them are analysed.
  std::vector<clang::SourceLocation> SyncCalls;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_UNCHECKEDFSYNCCHECK_H
