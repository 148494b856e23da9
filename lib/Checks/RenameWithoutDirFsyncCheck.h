//===- RenameWithoutDirFsyncCheck.h - durability-rename-without-dir-fsync -===//

#ifndef DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H
#define DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H

#include "Checks/RenameReport.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/CrossTU/Join.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace durcheck {

/// The names of the two checks that run over the rename graphs.
constexpr llvm::StringLiteral RenameCheckName =
    "durability-rename-without-dir-fsync";
constexpr llvm::StringLiteral CreationCheckName =
    "durability-create-without-dir-fsync";

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

  /// The join over every unit's rename graphs, which judges the creations
  /// too where every unit built the graphs for both checks.
  static std::unique_ptr<crosstu::Joiner> makeJoiner();

protected:
  /// Creations: the check of new files, whose graphs record creations and
  /// whose obligations are theirs (CreateWithoutDirFsyncCheck); the options,
  /// the directory syncs and the fixes are the rename check's.
  RenameWithoutDirFsyncCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context,
                             bool Creations);
  /// The join of the creation check, which judges nothing where the
  /// rename check's judges the creations with the renames.
  static std::unique_ptr<crosstu::Joiner> makeCreationJoiner();

private:
  class GraphJoiner;
  /// Verdicts on Found, over the program of the join's units; Present: the
  /// units that left graphs, whose own findings Found confirms or drops.
  static void addVerdicts(llvm::StringRef Check,
                          llvm::ArrayRef<rename::UnsyncedRename> Found,
                          const rename::Program &Whole,
                          llvm::ArrayRef<unsigned> Present,
                          llvm::ArrayRef<crosstu::UnitView> Units,
                          crosstu::Verdicts &Out);
  bool idle() const { return !ReportsRenames && !ReportsCreations; }
  rename::UnitGraphs buildGraphs(crosstu::Locations &Locs);
  void reportAll(const rename::Program &P,
                 llvm::ArrayRef<rename::UnsyncedRename> Found,
                 llvm::StringRef Check, crosstu::Locations &Locs);
  std::optional<crosstu::UnitEdit>
  includeEdit(unsigned File, llvm::StringRef Header, crosstu::Locations &Locs);
  std::vector<rename::IncludeEdit> allIncludeEdits(const rename::UnitGraphs &G,
                                                   crosstu::Locations &Locs);

  clang::tidy::ClangTidyContext *const TidyContext;
  /// What this object reports. When both checks are enabled with the same
  /// options, the rename check's object reports the creations too, from
  /// the one set of graphs it builds, and the creation check's is idle.
  const bool ReportsRenames;
  const bool ReportsCreations;
  const bool RequireIntent;
  const std::string DirSyncFunctions;
  const std::string DirSyncFunctionPattern;
  const std::string DirSyncFunction;
  DirSyncPolicy Policy;
  clang::tidy::utils::IncludeInserter Inserter;
  crosstu::UnitSink *const Sink;

  // Collected over the TU; the summaries need every body before any
  // function can be judged.
  EnclosingFunctions Functions;
  std::vector<const clang::DeclRefExpr *> InternalReferences;
  llvm::DenseSet<const clang::Expr *> InternalCallees;
  std::vector<const clang::VarDecl *> Tables;
  clang::ASTContext *Ctx = nullptr;
  clang::Preprocessor *PP = nullptr;
  /// The angled includes each file already has: (file, "<name>").
  std::set<std::pair<clang::FileID, std::string>> Included;
  /// The include each (file, header) gets, computed once.
  std::map<std::pair<unsigned, std::string>, std::optional<crosstu::UnitEdit>>
      Includes;
};

} // namespace durcheck

#endif // DURCHECK_CHECKS_RENAMEWITHOUTDIRFSYNCCHECK_H
