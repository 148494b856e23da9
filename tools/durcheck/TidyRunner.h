//===- TidyRunner.h - One translation unit through clang-tidy ---*- C++ -*-===//
//
// durcheck runs its checks through clang-tidy's own machinery -- options
// providers, the diagnostic consumer with its NOLINT handling, fix-its --
// one translation unit at a time, so that many can run in parallel.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_TIDYRUNNER_H
#define DURCHECK_TOOLS_TIDYRUNNER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "durcheck/CrossTU/Sink.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// The clang-tidy configuration of a run, in clang-tidy's layers: defaults,
/// then .clang-tidy files (or --config/--config-file instead), then the
/// command line.
struct TidyConfig {
  clang::tidy::ClangTidyGlobalOptions Global;
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  std::optional<clang::tidy::ClangTidyOptions> Config;
  bool FixNotes = false;
};

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const TidyConfig &Config,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// The options of a run, shared by its units: each .clang-tidy is read,
/// and a broken one reported, once, under a lock, rather than once per unit
/// from threads that would interleave their errors.
class SharedOptions {
public:
  explicit SharedOptions(const TidyConfig &Config);
  ~SharedOptions();
  /// A provider for the context of a unit compiled in Directory that reads
  /// through this one.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
  forUnit(llvm::StringRef Directory);
  bool fixNotes() const { return FixNotes; }
  /// Lets units leave their sections typed, for a join in this process
  /// that nothing else reads them for: no file, cache or editor.
  void keepTypedSections() { TypedSections = true; }
  bool typedSections() const { return TypedSections; }
  /// Forgets the .clang-tidy files read so far, which are read again as
  /// units need them. No unit may be in analysis meanwhile.
  void reload();

private:
  class View;
  const TidyConfig Config;
  std::mutex Lock;
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  const bool FixNotes;
  bool TypedSections = false;
};

/// The names of every check durcheck has, sorted.
std::vector<std::string> allCheckNames();

/// Everything a unit gives the run: its findings before the join, and
/// what its checks left for the join.
struct UnitResult {
  /// The unit's main file, absolute.
  std::string File;
  /// The findings of the durability checks, with absolute file names.
  std::vector<clang::tidy::ClangTidyError> Findings;
  /// Why the unit was not analysed; empty when it was.
  std::string Failure;
  /// False when the unit's configuration enables no durability check.
  bool ChecksEnabled = true;
  /// The unit's file table, absolute, which the sections index.
  std::vector<std::string> Files;
  /// Each check's section, by check name.
  llvm::json::Object Sections;
  /// The sections left typed (SharedOptions::keepTypedSections), which
  /// Sections then does not hold.
  crosstu::TypedSections Typed;
  /// The checks whose warnings the unit's configuration makes errors.
  std::vector<std::string> ErrorChecks;
  /// The directory the unit was compiled in.
  std::string BuildDirectory;
  /// The result file it was read from, for --join.
  std::string ResultFile;
  /// Every file its analysis read, absolute, for the result cache and for
  /// the language server to know what a save changes, kept when the unit
  /// fails; result files do not hold it.
  std::vector<std::string> FilesRead;
  /// In diff mode, a unit that read no changed file, from the cache: it
  /// feeds the join but was not analysed in this run.
  bool JoinOnly = false;
};

/// Unsaved editor buffers, by absolute file name: an analysis reads them
/// instead of the files on disk.
using Overlays = llvm::StringMap<std::string>;

UnitResult analyseUnit(const clang::tooling::CompileCommand &Command,
                       SharedOptions &Options,
                       const Overlays *Buffers = nullptr);

/// The files a unit reads -- its main file and every file it includes --
/// absolute, from a run of its preprocessor alone; nothing when that run
/// fails, which the unit's analysis then explains.
std::optional<std::vector<std::string>>
filesRead(const clang::tooling::CompileCommand &Command,
          SharedOptions &Options);

} // namespace durcheck

#endif // DURCHECK_TOOLS_TIDYRUNNER_H
