//===- Driver.cpp - durcheck: the durability checks over a whole project --===//
//
// Runs the durability checks over the translation units of a compile
// database in parallel, joins what each unit learnt into findings no single
// unit can make, and reports them as text, JSON or SARIF, with the fixes
// applied on request. Every file it writes is written durably.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "ChangedLines.h"
#include "CompileDatabase.h"
#include "DurableFile.h"
#include "Fixes.h"
#include "JoinUnits.h"
#include "LspServer.h"
#include "Parallel.h"
#include "Report.h"
#include "ResultCache.h"
#include "ResultFile.h"
#include "Shard.h"
#include "TidyRunner.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "durcheck/Compat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

using namespace clang::tidy;
using namespace llvm;

namespace durcheck {
namespace {

/// The documented exit codes.
enum ExitCode {
  Clean = 0,
  HasFindings = 1,
  ToolError = 2,
  NotAnalysed = 3,
};

cl::OptionCategory Category("durcheck options");

cl::opt<std::string>
    BuildPath("p",
              cl::desc("Build directory holding compile_commands.json, or the "
                       "database file itself"),
              cl::value_desc("path"), cl::cat(Category));
cl::list<std::string>
    Selectors(cl::Positional,
              cl::desc("[<file, directory or regex>...] [-- <compiler flags>]"),
              cl::cat(Category));
cl::list<std::string>
    Excludes("exclude",
             cl::desc("Skip the units whose file matches this regex"),
             cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> Jobs("j",
                          cl::desc("Units analysed at once (default: one "
                                   "per core; 1 runs serially)"),
                          cl::value_desc("N"), cl::Prefix, cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Checks to run, as clang-tidy globs, "
                                     "over those the configuration enables"),
                            cl::cat(Category));
cl::opt<std::string>
    HeaderFilter("header-filter",
                 cl::desc("Report findings in headers matching this regex"),
                 cl::cat(Category));
cl::opt<std::string> ExcludeHeaderFilter(
    "exclude-header-filter",
    cl::desc("Do not report findings in headers matching this regex"),
    cl::cat(Category));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the configuration from this file instead of .clang-tidy"),
    cl::cat(Category));
cl::opt<std::string>
    Config("config",
           cl::desc("The configuration, as YAML, instead of .clang-tidy"),
           cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks"),
                         cl::cat(Category));
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the configuration in effect"),
                         cl::cat(Category));
cl::opt<std::string> Format("format",
                            cl::desc("Output format: text, json or sarif"),
                            cl::init("text"), cl::cat(Category));
cl::opt<std::string> Output("output", cl::desc("Write the report to this file"),
                            cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("SARIF URIs are relative to this directory (default: the "
             "current directory)"),
    cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record the findings of this run in a baseline file"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only the findings this baseline file does not hold"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> Baselined(
    "baselined",
    cl::desc("What SARIF does with the findings --baseline holds: omit "
             "(the default) leaves them out, unchanged lists them with "
             "baselineState \"unchanged\""),
    cl::init("omit"), cl::cat(Category));
cl::opt<std::string> DiffFrom(
    "diff-from",
    cl::desc("Analyse only the units that read a file changed since this git "
             "revision, and report only the findings on added or changed "
             "lines: git diff <rev>, in the repository that holds "
             "--source-root or the current directory"),
    cl::value_desc("rev"), cl::cat(Category));
cl::opt<std::string> DiffFile(
    "diff",
    cl::desc("As --diff-from, with the changes read from this unified diff "
             "(- for stdin); its file names are relative to --source-root or "
             "the current directory, after git's a/ and b/ prefixes"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Reuse the results of units whose command, configuration and "
             "files are unchanged, kept in this directory (default: "
             "$DURCHECK_CACHE_DIR; no cache when both are unset)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> CacheMaxSize(
    "cache-max-size",
    cl::desc("Evict the least recently used results of the cache past this "
             "size: bytes, or with K, M or G (default: 1G)"),
    cl::value_desc("size"), cl::init("1G"), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress and no summary"),
                    cl::cat(Category));
cl::opt<bool> ExitZero("exit-zero",
                       cl::desc("Exit 0 when there are findings, unless "
                                "--warnings-as-errors matches one"),
                       cl::cat(Category));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Report the findings of these checks (globs) as errors"),
    cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the fixes of the warnings"),
                  cl::cat(Category));
cl::opt<bool> FixNotes("fix-notes",
                       cl::desc("Also apply the fixes of notes (implies "
                                "--fix)"),
                       cl::cat(Category));
cl::opt<bool> ShowFixes(
    "show-fixes",
    cl::desc("Print the fixes --fix would apply (with --fix-notes, those "
             "too) as a unified diff on stdout instead of the report, and "
             "change no file"),
    cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes as YAML for clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<cl::boolOrDefault>
    UseColor("use-color",
             cl::desc("Colour the text output (default: when stdout is a "
                      "terminal)"),
             cl::cat(Category));
cl::opt<std::string> FactsDir(
    "facts-dir",
    cl::desc("Also write each unit's result file, and a manifest, into this "
             "directory"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> Join(
    "join",
    cl::desc("Report from the result files of the directories given, those "
             "of a run or of each of its shards, or from the files "
             "--result-file wrote, instead of analysing: durcheck --join "
             "DIR... or FILE...; with --facts-dir, write the units' findings "
             "after the join there instead of reporting, without the "
             "summaries, so that a --join of that directory only reports"),
    cl::cat(Category));
cl::opt<std::string> Shard(
    "shard",
    cl::desc("Analyse shard K of N of the units and write their results to "
             "--facts-dir, for a --join of every shard's directory; nothing "
             "is reported. The units go largest source file first (ties in "
             "the order of file, directory and command), each to the shard "
             "with the fewest bytes so far (then the fewest units; ties to "
             "the lowest K), so every job computes the same shards from the "
             "same sources, in any order of the database"),
    cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string> ResultFile(
    "result-file",
    cl::desc("Analyse the one unit selected and write its result file here, "
             "with paths below its directory relative to it, for a --join "
             "of such files; nothing is reported. For build systems that run "
             "one action per source file"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Lsp(
    "lsp",
    cl::desc("Serve the Language Server Protocol on stdin and stdout, for "
             "editors: analyse files as they are opened, edited and saved, "
             "join the units' results after each analysis, and offer the "
             "fixes as quick fixes. The database is the client's "
             "initializationOptions.compilationDatabasePath, else -p's, else "
             "the workspace root's or its build/'s compile_commands.json"),
    cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("Add this compiler argument"),
                                cl::cat(Category));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Add this compiler argument before the others"),
                    cl::cat(Category));

int fail(const Twine &Message) {
  errs() << "durcheck: error: " << Message << "\n";
  return ToolError;
}

std::optional<unsigned> parseJobs(std::string &Error) {
  if (Jobs.getNumOccurrences() == 0)
    return std::max(1u, std::thread::hardware_concurrency());
  int N = 0;
  if (StringRef(Jobs).getAsInteger(10, N) || N <= 0) {
    Error = "-j takes a positive number of jobs, not '" + Jobs + "'";
    return std::nullopt;
  }
  return unsigned(N);
}

std::optional<ClangTidyOptions> readConfig(std::string &Error) {
  if (!Config.empty() && !ConfigFile.empty()) {
    Error = "--config and --config-file both give the configuration; pass "
            "only one";
    return std::nullopt;
  }
  if (Config.empty() && ConfigFile.empty())
    return std::nullopt;
  std::string Text = Config, Name = "--config";
  if (!ConfigFile.empty()) {
    auto Buffer = MemoryBuffer::getFile(ConfigFile);
    if (!Buffer) {
      Error = "cannot read --config-file '" + ConfigFile +
              "': " + Buffer.getError().message();
      return std::nullopt;
    }
    Text = (*Buffer)->getBuffer().str();
    Name = "--config-file '" + ConfigFile + "'";
  }
  std::string Why;
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      MemoryBufferRef(Text, Name), [&](const SMDiagnostic &D) {
        if (Why.empty())
          Why = "line " + std::to_string(D.getLineNo()) + ": " +
                D.getMessage().str();
      });
  if (!Parsed) {
    Error = "invalid " + Name + ": " +
            (Why.empty() ? Parsed.getError().message() : Why);
    return std::nullopt;
  }
  return *Parsed;
}

// A positive glob of --checks that names no check is a typo.
std::string unknownCheck(StringRef Globs) {
  SmallVector<StringRef, 8> Terms;
  Globs.split(Terms, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Term : Terms) {
    Term = Term.trim();
    if (Term.empty() || Term.starts_with("-") ||
        Term.starts_with("clang-diagnostic-"))
      continue;
    GlobList Glob(Term);
    if (llvm::none_of(allCheckNames(),
                      [&](const std::string &N) { return Glob.contains(N); }))
      return Term.str();
  }
  return "";
}

TidyConfig makeConfig(std::optional<ClangTidyOptions> FromFile) {
  TidyConfig C;
  C.Defaults = ClangTidyOptions::getDefaults();
  C.Defaults.Checks = "-*,durability-*";
  if (!Checks.empty())
    C.Overrides.Checks = Checks;
  if (HeaderFilter.getNumOccurrences())
    C.Overrides.HeaderFilterRegex = HeaderFilter;
  if (ExcludeHeaderFilter.getNumOccurrences())
    C.Overrides.ExcludeHeaderFilterRegex = ExcludeHeaderFilter;
  if (WarningsAsErrors.getNumOccurrences())
    C.Overrides.WarningsAsErrors = WarningsAsErrors;
  if (!ExtraArgs.empty())
    C.Overrides.ExtraArgs = std::vector<std::string>(ExtraArgs);
  if (!ExtraArgsBefore.empty())
    C.Overrides.ExtraArgsBefore = std::vector<std::string>(ExtraArgsBefore);
  C.Config = std::move(FromFile);
  C.FixNotes = FixNotes;
  return C;
}

// --list-checks and --dump-config, for the first file or the current
// directory, as clang-tidy answers them.
int describeConfig(const TidyConfig &C) {
  std::string File = Selectors.empty() ? "dummy" : Selectors.front();
  auto Provider = makeOptionsProvider(C, vfs::getRealFileSystem());
  ClangTidyOptions Effective = Provider->getOptions(File);
  GlobList Enabled(Effective.Checks.value_or(""));
  if (ListChecks) {
    outs() << "Enabled checks:";
    for (const std::string &Name : allCheckNames())
      if (Enabled.contains(Name))
        outs() << "\n    " << Name;
    outs() << "\n\n";
    return Clean;
  }
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), Effective));
  ClangTidyASTConsumerFactory Factory(Context);
  ClangTidyOptions WithCheckOptions;
  WithCheckOptions.CheckOptions = Factory.getCheckOptions();
  Effective.mergeWith(WithCheckOptions, 0);
  outs() << configurationAsText(Effective) << "\n";
  return Clean;
}

// --source-root, or the current directory, absolute.
std::string sourceRoot() {
  SmallString<256> Root(SourceRoot);
  if (Root.empty())
    sys::fs::current_path(Root);
  sys::fs::make_absolute(Root);
  return std::string(Root);
}

// A unit's result from the cache, or from its analysis, which the cache
// then keeps. Units that failed or enable no check are not kept: the one
// is not trusted, the other is cheap.
UnitResult analyseCached(const clang::tooling::CompileCommand &Unit,
                         SharedOptions &Options, ResultCache *Cache) {
  if (!Cache)
    return analyseUnit(Unit, Options);
  std::string Key = unitCacheKey(Unit, Options);
  if (std::optional<UnitResult> Hit = Cache->lookup(Key))
    return std::move(*Hit);
  UnitResult R = analyseUnit(Unit, Options);
  if (R.Failure.empty() && R.ChecksEnabled)
    Cache->store(Key, R, R.FilesRead);
  return R;
}

// Runs every unit on Jobs threads; the results keep the units' order.
std::vector<UnitResult> analyseAll(const WorkList &Work, SharedOptions &Options,
                                   unsigned JobCount, ResultCache *Cache) {
  std::vector<UnitResult> Results(Work.Units.size());
  std::mutex ProgressLock;
  size_t Done = 0;
  bool Progress = !Quiet && sys::Process::StandardErrIsDisplayed();
  parallelFor(Work.Units.size(), JobCount, [&](size_t I) {
    Results[I] = analyseCached(Work.Units[I], Options, Cache);
    if (!Progress)
      return;
    std::lock_guard<std::mutex> Guard(ProgressLock);
    errs() << "[" << ++Done << "/" << Work.Units.size() << "] "
           << Work.Units[I].Filename << "\n";
  });
  return Results;
}

// --cache-dir, else $DURCHECK_CACHE_DIR, made ready before any work is
// done; nothing without either.
std::unique_ptr<ResultCache> openCache(std::string &Error) {
  std::string Dir = CacheDir;
  if (!CacheDir.getNumOccurrences())
    Dir = sys::Process::GetEnv("DURCHECK_CACHE_DIR").value_or("");
  if (Dir.empty()) {
    if (CacheMaxSize.getNumOccurrences())
      Error = "--cache-max-size needs --cache-dir or DURCHECK_CACHE_DIR";
    return nullptr;
  }
  std::optional<uint64_t> MaxBytes = parseSize(CacheMaxSize);
  if (!MaxBytes) {
    Error = "--cache-max-size takes a size such as 500M or 2G, not '" +
            CacheMaxSize + "'";
    return nullptr;
  }
  Error = ResultCache::prepare(Dir);
  if (!Error.empty())
    return nullptr;
  return std::make_unique<ResultCache>(Dir, *MaxBytes);
}

// Diff mode: the changes, read before any work is done, and where they
// came from in Source; nothing without --diff-from or --diff.
std::optional<ChangedLines> readChanges(std::string &Source,
                                        std::string &Error) {
  bool FromGit = DiffFrom.getNumOccurrences(),
       FromFile = DiffFile.getNumOccurrences();
  if (!FromGit && !FromFile)
    return std::nullopt;
  if (FromGit && FromFile)
    Error = "--diff-from and --diff both give the changes; pass only one";
  else if (FromGit ? DiffFrom.empty() : DiffFile.empty())
    Error = FromGit ? "--diff-from needs a git revision"
                    : "--diff needs a file, or - for stdin";
  else if (!FactsDir.empty() || !WriteBaseline.empty() || !ResultFile.empty())
    Error = std::string(!FactsDir.empty()     ? "--facts-dir"
                        : !ResultFile.empty() ? "--result-file"
                                              : "--write-baseline") +
            " records every unit's results, and diff mode analyses only the "
            "changed ones; pass only one";
  if (!Error.empty())
    return std::nullopt;
  if (FromGit) {
    std::string Root;
    std::optional<std::string> Text =
        gitDiff(DiffFrom, sourceRoot(), Root, Error);
    if (!Text)
      return std::nullopt;
    Source = "git diff " + DiffFrom;
    return ChangedLines::parse(*Text, Root, "from " + Source, Error);
  }
  auto Buffer = MemoryBuffer::getFileOrSTDIN(DiffFile, /*IsText=*/true);
  if (!Buffer) {
    Error =
        "cannot read --diff '" + DiffFile + "': " + Buffer.getError().message();
    return std::nullopt;
  }
  Source = DiffFile;
  return ChangedLines::parse(
      (*Buffer)->getBuffer(), sourceRoot(),
      DiffFile == "-" ? "on stdin" : "'" + DiffFile + "'", Error);
}

// Diff mode keeps the units that read a changed file, as their
// preprocessor alone tells, and returns the others. A unit whose
// preprocessor fails is kept, for its analysis to say why.
std::vector<clang::tooling::CompileCommand>
keepChangedUnits(WorkList &Work, ChangedLines &Changes, SharedOptions &Options,
                 unsigned JobCount) {
  std::vector<char> Keep(Work.Units.size());
  for (size_t I = 0; I < Work.Units.size(); ++I)
    Keep[I] = Changes.changes(Work.Units[I].Filename);
  std::vector<std::optional<std::vector<std::string>>> Read(Work.Units.size());
  if (Changes.files())
    parallelFor(Work.Units.size(), JobCount, [&](size_t I) {
      if (!Keep[I])
        Read[I] = filesRead(Work.Units[I], Options);
    });
  std::vector<clang::tooling::CompileCommand> Kept, Left;
  for (size_t I = 0; I < Work.Units.size(); ++I)
    ((Keep[I] ||
      (Changes.files() && (!Read[I] || llvm::any_of(*Read[I],
                                                    [&](StringRef F) {
                                                      return Changes.changes(F);
                                                    }))))
         ? Kept
         : Left)
        .push_back(std::move(Work.Units[I]));
  Work.Units = std::move(Kept);
  return Left;
}

// Diff mode leaves out the units that read no changed file; with a cache,
// their earlier results still feed the join, so that a cross-TU verdict
// that needs one of them is made as in a whole run. Their own findings are
// in unchanged files, and left out here rather than counted.
unsigned joinCachedUnits(std::vector<UnitResult> &Results,
                         ArrayRef<clang::tooling::CompileCommand> Units,
                         SharedOptions &Options, ResultCache &Cache,
                         unsigned JobCount) {
  std::vector<std::optional<UnitResult>> Hits(Units.size());
  parallelFor(Units.size(), JobCount, [&](size_t I) {
    Hits[I] = Cache.lookup(unitCacheKey(Units[I], Options));
  });
  unsigned Joined = 0;
  for (std::optional<UnitResult> &Hit : Hits)
    if (Hit) {
      Hit->Findings.clear();
      Hit->JoinOnly = true;
      Results.push_back(std::move(*Hit));
      ++Joined;
    }
  return Joined;
}

// The units' findings, after the join, in order.
Report assemble(std::vector<UnitResult> &Results, unsigned Units,
                unsigned Duplicates) {
  Report R;
  R.Units = Units;
  R.Duplicates = Duplicates;
  R.FixNotes = FixNotes;
  for (UnitResult &U : Results) {
    if (!U.Failure.empty()) {
      R.Failures.push_back({U.File, U.Failure});
      continue;
    }
    if (!U.ChecksEnabled) {
      ++R.WithoutChecks;
      continue;
    }
    R.Analysed += !U.JoinOnly;
    for (ClangTidyError &E : U.Findings)
      R.Findings.push_back(std::move(E));
  }
  sortFindings(R.Findings);
  llvm::sort(R.Failures, [](const UnitFailure &A, const UnitFailure &B) {
    return A.File < B.File;
  });
  return R;
}

// Whether what goes to stdout, or else to --output, is coloured.
bool useColor(bool ToStdout) {
  if (UseColor == cl::BOU_UNSET)
    return ToStdout && sys::Process::StandardOutHasColors();
  return UseColor == cl::BOU_TRUE;
}

// The --baseline file, read before any work is done.
std::optional<std::set<std::string>> readBaselineOption(std::string &Error) {
  if (Baselined != "omit" && Baselined != "unchanged")
    Error = "--baselined must be omit or unchanged, not '" + Baselined + "'";
  else if (Baselined.getNumOccurrences() &&
           (BaselineFile.empty() || Format != "sarif"))
    Error = "--baselined says what SARIF does with the findings of a "
            "--baseline; pass it with --baseline and --format=sarif";
  else if (!BaselineFile.empty())
    return readBaseline(BaselineFile, Error);
  return std::nullopt;
}

std::string render(const Report &R) {
  if (Format == "json")
    return renderJson(R);
  if (Format == "sarif")
    return renderSarif(R, sourceRoot());
  return renderText(R, useColor(Output.empty()));
}

// What became of the fixes, on stderr; false when a file could not be read
// or written. Done is "applied" or "shown".
bool reportFixes(const FixOutcome &O, StringRef Done) {
  for (const std::string &Conflict : O.Conflicts)
    errs() << "durcheck: warning: fix not " << Done
           << ", it overlaps another: " << Conflict << "\n";
  for (const std::string &Why : O.Errors)
    fail(Why);
  if (!Quiet)
    errs() << formatv("durcheck: {0} {1} fix{2} to {3} file{4}\n", Done,
                      O.Applied, O.Applied == 1 ? "" : "es", O.Files,
                      O.Files == 1 ? "" : "s");
  return O.Errors.empty();
}

int exitCode(const Report &R, bool WriteFailed) {
  if (WriteFailed)
    return ToolError;
  if (!R.Failures.empty())
    return NotAnalysed;
  bool AnyError = llvm::any_of(R.Findings, isError);
  if (AnyError || (!R.Findings.empty() && !ExitZero))
    return HasFindings;
  return Clean;
}

// The names of the options given among Options.
std::vector<StringRef> givenOptions(ArrayRef<const cl::Option *> Options) {
  std::vector<StringRef> Given;
  for (const cl::Option *O : Options)
    if (O->getNumOccurrences())
      Given.push_back(O->ArgStr);
  return Given;
}

// "Mode; it does not take" the options Given, and the compiler arguments
// after "--" when there are some; "" when there is nothing to refuse.
std::string refusal(StringRef Mode, std::vector<StringRef> Given,
                    bool CompilerArgs) {
  if (CompilerArgs)
    Given.insert(Given.begin(), "--");
  if (Given.empty())
    return "";
  return Mode.str() + "; it does not take " + llvm::join(Given, ", ");
}

// --join reports from files: the options that choose and configure an
// analysis have nothing to act on.
std::string joinConflict(bool CompilerArgs) {
  if (Selectors.empty())
    return "--join needs the directories that --facts-dir wrote";
  // cl::list's operator& gives its storage, hence std::addressof.
  std::vector<StringRef> Given = givenOptions(
      {&BuildPath, std::addressof(Excludes), &Jobs, &Checks, &Config,
       &ConfigFile, &HeaderFilter, &ExcludeHeaderFilter, &WarningsAsErrors,
       std::addressof(ExtraArgs), std::addressof(ExtraArgsBefore), &DiffFrom,
       &DiffFile, &CacheDir, &CacheMaxSize, &Shard, &ResultFile});
  return refusal("--join reads the results of an earlier run, whose "
                 "configuration they record",
                 std::move(Given), CompilerArgs);
}

// --lsp takes the options that configure an analysis; the editor chooses
// the files and shows the findings.
std::string lspConflict(bool CompilerArgs) {
  std::vector<StringRef> Given =
      givenOptions({&Jobs,         std::addressof(Excludes),
                    &Format,       &Output,
                    &SourceRoot,   &WriteBaseline,
                    &BaselineFile, &Baselined,
                    &DiffFrom,     &DiffFile,
                    &CacheDir,     &CacheMaxSize,
                    &Quiet,        &ExitZero,
                    &Fix,          &FixNotes,
                    &ShowFixes,    &ExportFixes,
                    &UseColor,     &FactsDir,
                    &Join,         &Shard,
                    &ResultFile,   &ListChecks,
                    &DumpConfig});
  if (!Selectors.empty())
    Given.insert(Given.begin(), "file arguments");
  return refusal("--lsp analyses the files the editor opens and reports to "
                 "it",
                 std::move(Given), CompilerArgs);
}

// The mode that writes results for a later --join and reports nothing, or
// "".
StringRef resultsOnlyMode() {
  if (Join)
    return FactsDir.getNumOccurrences() ? "--join with --facts-dir" : "";
  if (Shard.getNumOccurrences())
    return "--shard";
  if (ResultFile.getNumOccurrences())
    return "--result-file";
  return "";
}

// Those modes have no use for the options of a report; joinConflict says
// what --join has no use for.
std::string resultsOnlyConflict() {
  bool Sharded = !Join && Shard.getNumOccurrences(),
       OneUnit = !Join && ResultFile.getNumOccurrences();
  StringRef Mode = resultsOnlyMode();
  if (Mode.empty())
    return "";
  if (Sharded && OneUnit)
    return "--shard writes a shard's results to --facts-dir and "
           "--result-file one unit's to a file; pass only one";
  if (Sharded && FactsDir.empty())
    return "--shard needs --facts-dir, the directory where a --join of "
           "every shard reads this shard's results";
  if (OneUnit && !FactsDir.empty())
    return "--result-file and --facts-dir both write the results; pass only "
           "one";
  std::vector<StringRef> Given = givenOptions(
      {&Format, &Output, &SourceRoot, &WriteBaseline, &BaselineFile, &Baselined,
       &Fix, &FixNotes, &ShowFixes, &ExportFixes, &ExitZero, &UseColor,
       &ListChecks, &DumpConfig});
  if (Given.empty())
    return "";
  return Mode.str() +
         " writes results for a --join, which reports them; it does not "
         "take " +
         llvm::join(Given, ", ");
}

// Keeps in Work the units of shard Spec, all without one, and returns
// their positions in the whole work list.
std::vector<unsigned> keepShard(WorkList &Work, std::optional<ShardSpec> Spec) {
  if (!Spec) {
    std::vector<unsigned> All(Work.Units.size());
    std::iota(All.begin(), All.end(), 0);
    return All;
  }
  std::vector<unsigned> Mine = shardUnits(Work, *Spec);
  std::vector<clang::tooling::CompileCommand> Kept;
  for (unsigned I : Mine)
    Kept.push_back(std::move(Work.Units[I]));
  Work.Units = std::move(Kept);
  return Mine;
}

// Writes the results of --shard, --result-file or --join with --facts-dir;
// reporting is a later join's.
int writeResultsOnly(const FactsManifest &Run, std::vector<UnitResult> Taken) {
  // The process ends after this, as below the join: freeing the results
  // value by value would cost time for nothing.
  auto Owned = std::make_unique<std::vector<UnitResult>>(std::move(Taken));
  const std::vector<UnitResult> &Results = *Owned;
  llvm::BuryPointer(std::move(Owned));
  std::string Why, Where;
  if (!ResultFile.empty()) {
    Why = writeFileDurably(
        ResultFile, writeUnitResult(Results.front(), /*Relocatable=*/true));
    Where = ResultFile;
  } else {
    Why = writeFactsDirectory(FactsDir, Run, Results);
    Where = FactsDir;
  }
  if (!Why.empty())
    return fail(Why);
  if (Shard.getNumOccurrences() && !Quiet)
    errs() << formatv("durcheck: shard {0} of {1}: the results of {2} of {3} "
                      "unit{4} written to {5}\n",
                      Run.Shard, Run.Shards, Results.size(), Run.Units,
                      Run.Units == 1 ? "" : "s", Where);
  return Clean;
}

// Whether --facts-dir can be written, asked before any work is done.
std::string checkFactsDir(llvm::StringRef Dir) {
  if (std::error_code EC = sys::fs::create_directories(Dir))
    return "cannot create --facts-dir '" + Dir.str() + "': " + EC.message();
  SmallString<256> Probe(Dir);
  sys::path::append(Probe, "manifest.json");
  return checkWritable(Probe);
}

int run(int Argc, const char **Argv) {
  // Split off the compiler flags after "--", as clang-tidy does.
  std::optional<std::vector<std::string>> FixedArgs;
  int ToolArgc = Argc;
  for (int I = 1; I < Argc; ++I)
    if (StringRef(Argv[I]) == "--") {
      FixedArgs.emplace(Argv + I + 1, Argv + Argc);
      ToolArgc = I;
      break;
    }
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "durcheck " << DURCHECK_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  std::string Errors;
  raw_string_ostream ErrorStream(Errors);
  if (!cl::ParseCommandLineOptions(
          ToolArgc, Argv,
          "durcheck: finds syscall durability misuse in C and C++\n",
          &ErrorStream)) {
    ErrorStream.flush();
    errs() << Errors;
    return ToolError;
  }

  std::string Error;
  std::optional<unsigned> JobCount = parseJobs(Error);
  if (!JobCount)
    return fail(Error);
  // The checks' joins spread their work with llvm::parallelFor.
  llvm::parallel::strategy = llvm::hardware_concurrency(*JobCount);
  std::optional<ShardSpec> ShardOf;
  if (Shard.getNumOccurrences() && !(ShardOf = parseShard(Shard, Error)))
    return fail(Error);
  if (std::string Why = resultsOnlyConflict(); !Why.empty())
    return fail(Why);
  if (Format != "text" && Format != "json" && Format != "sarif")
    return fail("--format must be text, json or sarif, not '" + Format + "'");
  if (ShowFixes && Fix)
    return fail("--show-fixes changes no file and --fix changes them; pass "
                "only one");
  if (ShowFixes && Format != "text" && Output.empty())
    return fail("--show-fixes prints a diff on stdout; write the " + Format +
                " report with --output");
  if (std::string Unknown = unknownCheck(Checks); !Unknown.empty())
    return fail("unknown check '" + Unknown +
                "' in --checks; durcheck --list-checks --checks='*' lists "
                "them");
  std::optional<ClangTidyOptions> FromFile = readConfig(Error);
  if (!Error.empty())
    return fail(Error);
  TidyConfig C = makeConfig(std::move(FromFile));
  if (Lsp) {
    if (std::string Why = lspConflict(FixedArgs.has_value()); !Why.empty())
      return fail(Why);
    return runLspServer(C, BuildPath);
  }
  if (ListChecks || DumpConfig)
    return describeConfig(C);
  std::optional<std::set<std::string>> Baseline = readBaselineOption(Error);
  if (!Error.empty())
    return fail(Error);
  for (const std::string *Out :
       {&Output.getValue(), &ExportFixes.getValue(), &WriteBaseline.getValue(),
        &ResultFile.getValue()})
    if (!Out->empty())
      if (std::string Why = checkWritable(*Out); !Why.empty())
        return fail(Why);

  std::string DiffSource;
  std::optional<ChangedLines> Changes;
  std::unique_ptr<ResultCache> Cache;
  if (!Join) {
    Changes = readChanges(DiffSource, Error);
    if (Error.empty())
      Cache = openCache(Error);
    if (!Error.empty())
      return fail(Error);
  }

  auto Start = std::chrono::steady_clock::now();
  std::vector<UnitResult> Results;
  FactsManifest Run;
  unsigned UnitsUnchanged = 0, UnitsJoined = 0;
  if (Join) {
    if (std::string Why = joinConflict(FixedArgs.has_value()); !Why.empty())
      return fail(Why);
    if (!FactsDir.empty())
      if (std::string Why = checkFactsDir(FactsDir); !Why.empty())
        return fail(Why);
    std::optional<std::vector<UnitResult>> Read =
        readJoinInputs(Selectors, Run, *JobCount, Error);
    if (!Read)
      return fail(Error);
    Results = std::move(*Read);
    if (!FactsDir.empty()) {
      // The findings after the join, without the sections: a --join of
      // them only reports.
      if (!applyJoin(Results, Error))
        return fail(Error);
      for (UnitResult &U : Results)
        U.Sections = json::Object();
      Run.Shard = Run.Shards = 1;
      return writeResultsOnly(Run, std::move(Results));
    }
  } else {
    if (!FactsDir.empty())
      if (std::string Why = checkFactsDir(FactsDir); !Why.empty())
        return fail(Why);
    WorkRequest Request{BuildPath, Selectors, Excludes, FixedArgs};
    std::optional<WorkList> Work = selectWork(Request, Error);
    if (!Work)
      return fail(Error);
    if (!ResultFile.empty() && Work->Units.size() != 1)
      return fail(formatv("--result-file writes the result of one unit, and "
                          "{0} are selected",
                          Work->Units.size()));
    SharedOptions Options(C);
    // Sections that only this process's join reads need not be JSON.
    if (FactsDir.empty() && !Cache && !ShardOf && ResultFile.empty())
      Options.keepTypedSections();
    unsigned Units = Work->Units.size();
    std::string Identity = workListIdentity(*Work);
    std::vector<unsigned> Indexes = keepShard(*Work, ShardOf);
    std::vector<clang::tooling::CompileCommand> Unchanged;
    if (Changes)
      Unchanged = keepChangedUnits(*Work, *Changes, Options, *JobCount);
    UnitsUnchanged = Unchanged.size();
    Results = analyseAll(*Work, Options, *JobCount, Cache.get());
    if (Cache)
      UnitsJoined =
          joinCachedUnits(Results, Unchanged, Options, *Cache, *JobCount);
    if (Cache)
      Cache->evict();
    ShardSpec Spec = ShardOf.value_or(ShardSpec());
    Run = {Identity,
           Spec.K,
           Spec.N,
           Units,
           Work->Duplicates,
           std::move(Indexes),
           std::move(Work->Skipped)};
    if (ShardOf || !ResultFile.empty())
      return writeResultsOnly(Run, std::move(Results));
  }
  bool WriteFailed = false;
  if (!FactsDir.empty())
    if (std::string Why = writeFactsDirectory(FactsDir, Run, Results);
        !Why.empty()) {
      fail(Why);
      WriteFailed = true;
    }
  if (!applyJoin(Results, Error))
    return fail(Error);
  Report R = assemble(Results, Run.Units, Run.Duplicates);
  // As clang's -disable-free: the process ends soon, and freeing every
  // unit's summaries one value at a time costs a tenth of a join.
  llvm::BuryPointer(
      std::make_unique<std::vector<UnitResult>>(std::move(Results)));
  R.Skipped = std::move(Run.Skipped);
  if (Cache)
    R.CacheHits = Cache->Hits.load();
  if (Changes)
    R.Diff = DiffMatch{DiffSource, unsigned(Changes->files()), UnitsUnchanged,
                       UnitsJoined, keepChanged(R.Findings, *Changes)};
  R.Fingerprints = fingerprints(R.Findings, sourceRoot());
  R.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();

  auto Write = [&](const std::string &Path, const std::string &Text) {
    if (std::string Why = writeFileDurably(Path, Text); !Why.empty()) {
      fail(Why);
      WriteFailed = true;
    }
  };
  if (!WriteBaseline.empty())
    Write(WriteBaseline, baselineText(R, sourceRoot()));
  if (Baseline)
    applyBaseline(R, *Baseline, BaselineFile, Baselined == "unchanged");
  std::string Rendered = render(R);
  if (!Output.empty())
    Write(Output, Rendered);
  else if (!ShowFixes)
    outs() << Rendered;
  if (ShowFixes &&
      !reportFixes(showFixes(R.Findings, FixNotes, outs(), useColor(true)),
                   "shown"))
    WriteFailed = true;
  outs().flush(); // Before anything on stderr.
  if (!ExportFixes.empty())
    Write(ExportFixes, exportFixes(R.Findings));
  if ((Fix || FixNotes) && !ShowFixes &&
      !reportFixes(applyFixes(R.Findings, FixNotes), "applied"))
    WriteFailed = true;
  for (const UnitFailure &F : R.Failures)
    errs() << "durcheck: error: " << F.File << ": not analysed: " << F.Reason
           << "\n";
  if (!Quiet)
    errs() << renderSummary(R);
  return exitCode(R, WriteFailed);
}

} // namespace
} // namespace durcheck

int main(int Argc, const char **Argv) {
  // Past a file size limit, write() then fails with EFBIG, which the durable
  // writer cleans up after, instead of the signal killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  return durcheck::run(Argc, Argv);
}
