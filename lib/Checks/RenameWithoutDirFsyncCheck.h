//===- RenameWithoutDirFsyncCheck.h - durability-rename-without-dir-fsync -===//

#ifndef DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H
#define DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "durcheck/Analysis/FunctionSummaries.h"
#include "durcheck/Facts.h"
#include <set>
#include <string>
#include <vector>

namespace durcheck {

struct UnsyncedCall;

/// The directory sync a fix-it inserts, and the headers it needs.
struct SyncSnippet {
  std::vector<std::string> Lines;
  std::vector<const char *> Headers;
};

/// Finds renames whose directory change a crash can undo because no fsync
/// of the parent directory follows them.
///
/// For the user-facing documentation see:
/// checks-docs/durability-rename-without-dir-fsync.rst
class RenameWithoutDirFsyncCheck : public clang::tidy::ClangTidyCheck {
public:
  RenameWithoutDirFsyncCheck(llvm::StringRef Name,
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
  bool hasIntent(const clang::FunctionDecl &FD, const model::RenameCall &Rename,
                 const FunctionSummaries &Summaries,
                 const model::OpenFlags &Flags) const;
  struct FixPlan {
    std::vector<clang::FixItHint> Fixes;
    /// Safe and compiling: the fix goes on the warning, not on a note.
    bool OnWarning = false;
  };
  void report(const UnsyncedCall &Finding, const model::RenameCall &R,
              const FunctionFacts &Facts);
  /// Driver only: the facts the cross-TU join needs.
  void recordDischargers(const clang::FunctionDecl &FD,
                         const UnsyncedCall &Finding,
                         FunctionSummaries &Summaries);
  void recordDirSyncs(llvm::ArrayRef<const clang::FunctionDecl *> Defined,
                      const FunctionSummaries &Summaries);
  FixPlan planFix(const model::RenameCall &R, const FunctionFacts &Facts);
  FixPlan planReturnFix(const clang::ReturnStmt &Ret,
                        const model::RenameCall &R, const SyncSnippet &Snippet);
  void addIncludes(FixPlan &Plan, const SyncSnippet &Snippet,
                   clang::SourceLocation At);

  const bool RequireIntent;
  const std::string DirSyncFunctions;
  const std::string DirSyncFunctionPattern;
  const std::string DirSyncFunction;
  DirSyncPolicy Policy;
  clang::tidy::utils::IncludeInserter Inserter;
  TranslationUnitFacts *const Sink;

  // Collected over the TU; the summaries need every body before any
  // function can be judged.
  std::vector<const clang::FunctionDecl *> Functions;
  std::vector<const clang::DeclRefExpr *> InternalReferences;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
  /// The angled includes each file already has: (file, "<name>").
  std::set<std::pair<clang::FileID, std::string>> Included;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H
