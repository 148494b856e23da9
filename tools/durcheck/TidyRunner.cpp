//===- TidyRunner.cpp - One translation unit through clang-tidy -----------===//

#include "TidyRunner.h"
#include "CompileDatabase.h"
#include "SourceText.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/NoLintDirectiveHandler.h"
#include "durcheck/Compat.h"
#include "durcheck/CrossTU/Sink.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;

namespace durcheck {
namespace {

// The one command of the unit being analysed, whatever file is asked for.
class SingleCommandDatabase : public CompilationDatabase {
public:
  explicit SingleCommandDatabase(CompileCommand Command)
      : Command(std::move(Command)) {}
  std::vector<CompileCommand> getCompileCommands(StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Command.Filename};
  }

private:
  CompileCommand Command;
};

// Sets up each invocation as clang-tidy's own runner does.
class TidyInvocationFactory : public FrontendActionFactory {
public:
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy does: code under __clang_analyzer__ is analysed too.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." per unit: the summary counts findings.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }
};

// Every file a unit entered, as the compiler named it.
void recordFilesRead(const CompilerInstance &CI,
                     std::vector<std::string> &Files) {
  const SourceManager &SM = CI.getSourceManager();
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
    Files.push_back(It->first.getName().str());
}

// The frontend action of clang-tidy's own runner, which also records the
// files the unit read, for the result cache.
class TidyActionFactory : public TidyInvocationFactory {
public:
  TidyActionFactory(ClangTidyContext &Context,
                    IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
      : ConsumerFactory(Context, std::move(FS)) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, FilesRead);
  }

  std::vector<std::string> FilesRead;

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Factory,
           std::vector<std::string> &FilesRead)
        : Factory(Factory), FilesRead(FilesRead) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   StringRef File) override {
      return Factory.createASTConsumer(CI, File);
    }
    void EndSourceFileAction() override {
      recordFilesRead(getCompilerInstance(), FilesRead);
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
    std::vector<std::string> &FilesRead;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
};

// The preprocessor alone, recording every file the unit enters: a fraction
// of the cost of its analysis.
class FilesReadFactory : public TidyInvocationFactory {
public:
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Files);
  }

  std::vector<std::string> Files;

private:
  class Action : public PreprocessOnlyAction {
  public:
    explicit Action(std::vector<std::string> &Files) : Files(Files) {}
    void EndSourceFileAction() override {
      recordFilesRead(getCompilerInstance(), Files);
    }

  private:
    std::vector<std::string> &Files;
  };
};

// The ExtraArgs and ExtraArgsBefore of the unit's configuration.
ArgumentsAdjuster extraArgsAdjuster(ClangTidyContext &Context) {
  return [&Context](const CommandLineArguments &Args, StringRef File) {
    ClangTidyOptions Opts = Context.getOptionsForFile(File);
    CommandLineArguments Adjusted = Args;
    if (Opts.ExtraArgsBefore) {
      auto At = Adjusted.begin();
      if (At != Adjusted.end() && !StringRef(*At).starts_with("-"))
        ++At; // After the compiler's name.
      Adjusted.insert(At, Opts.ExtraArgsBefore->begin(),
                      Opts.ExtraArgsBefore->end());
    }
    if (Opts.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                      Opts.ExtraArgs->end());
    return Adjusted;
  };
}

// Kbuild-style dependency flags, -Wp,-MD,<file>, which ClangTool's own
// adjusters leave in: they would write the file, relative to the process's
// directory rather than the unit's.
ArgumentsAdjuster stripPreprocessorDependencyFlags() {
  return [](const CommandLineArguments &Args, StringRef) {
    CommandLineArguments Kept;
    for (const std::string &Arg : Args) {
      StringRef A(Arg);
      if (A.consume_front("-Wp,") &&
          (A.starts_with("-MD,") || A.starts_with("-MMD,") ||
           A.starts_with("-MF,")))
        continue;
      Kept.push_back(Arg);
    }
    return Kept;
  };
}

// A file system of the unit's own, so that threads do not share a working
// directory.
IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem>
unitFileSystem(StringRef Directory) {
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  FS->setCurrentWorkingDirectory(Directory);
  return FS;
}

// The unit's one command through ClangTool, with the arguments clang-tidy's
// runner gives it.
struct UnitTool {
  UnitTool(const CompileCommand &Command, ClangTidyContext &Context)
      : FS(unitFileSystem(Command.Directory)), Database(Command),
        Tool(Database, {Command.Filename},
             std::make_shared<PCHContainerOperations>(), FS) {
    Tool.setPrintErrorMessage(false);
    Tool.appendArgumentsAdjuster(extraArgsAdjuster(Context));
    Tool.appendArgumentsAdjuster(getStripPluginsAdjuster());
    Tool.appendArgumentsAdjuster(stripPreprocessorDependencyFlags());
  }

  IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS;
  SingleCommandDatabase Database;
  ClangTool Tool;
};

void absolutize(llvm::StringMap<Replacements> &Fix, StringRef Dir) {
  llvm::StringMap<Replacements> Result;
  for (const auto &[File, Reps] : Fix) {
    Replacements &Into = Result[absolutePath(File, Dir)];
    for (const Replacement &R : Reps)
      llvm::cantFail(Into.add(Replacement(absolutePath(R.getFilePath(), Dir),
                                          R.getOffset(), R.getLength(),
                                          R.getReplacementText())));
  }
  Fix = std::move(Result);
}

void absolutize(DiagnosticMessage &M, StringRef Dir) {
  M.FilePath = absolutePath(M.FilePath, Dir);
  absolutize(M.Fix, Dir);
}

// What the checks of one unit leave for the join, and how a warning at a
// place would fare: clang-tidy's own NOLINT handling and header filter,
// asked of a location before any warning is made there.
class Sink : public crosstu::UnitSink {
public:
  Sink(ClangTidyContext &Context, bool KeepTyped)
      : Context(Context), KeepTyped(KeepTyped) {}

  crosstu::Loc locate(const SourceManager &SM, SourceLocation L) override {
    SourceLocation FileLoc = SM.getFileLoc(L);
    auto [It, New] =
        Index.try_emplace(SM.getFilename(FileLoc), unsigned(Files.size()));
    if (New)
      Files.push_back(It->first().str());
    return {It->second, SM.getFileOffset(FileLoc)};
  }

  bool reportable(StringRef Check, const SourceManager &SM,
                  SourceLocation L) override {
    return relatesToUserCode(SM, L) && !silenced(Check, SM, L);
  }

  void putSection(StringRef Check, llvm::json::Value Section) override {
    Sections[Check.str()] = std::move(Section);
  }

  void
  putSection(StringRef Check,
             std::shared_ptr<const crosstu::TypedSection> Section) override {
    if (KeepTyped)
      Typed[Check] = std::move(Section);
    else
      Sections[Check.str()] = Section->toJSON();
  }

  std::vector<std::string> Files;
  llvm::json::Object Sections;
  crosstu::TypedSections Typed;

private:
  // As ClangTidyDiagnosticConsumer::checkFilters judges a warning's place.
  bool relatesToUserCode(const SourceManager &SM, SourceLocation L) {
    if (L.isInvalid())
      return true;
    const ClangTidyOptions &Opts = Context.getOptions();
    if (!Opts.SystemHeaders.value_or(false) &&
        (SM.isInSystemHeader(L) || SM.isInSystemMacro(L)))
      return false;
    FileID ID = SM.getDecomposedExpansionLoc(L).first;
    OptionalFileEntryRef File = SM.getFileEntryRefForID(ID);
    if (!File || SM.isInMainFile(L))
      return true;
    if (!HeaderFilter) {
      HeaderFilter.emplace(Opts.HeaderFilterRegex.value_or(""));
      ExcludeHeaderFilter.emplace(Opts.ExcludeHeaderFilterRegex.value_or(""));
    }
    StringRef Name = File->getName();
    return HeaderFilter->match(Name) &&
           !(Opts.ExcludeHeaderFilterRegex &&
             !Opts.ExcludeHeaderFilterRegex->empty() &&
             ExcludeHeaderFilter->match(Name));
  }

  // Whether a NOLINT comment silences a warning of Check at L: the
  // handler clang-tidy uses, fed a warning of a private engine.
  bool silenced(StringRef Check, const SourceManager &SM, SourceLocation L) {
    if (!mayHoldNolint(SM, L))
      return false;
    if (!Probe) {
      Probe = DiagOpts.newEngine(&Consumer, /*OwnsConsumer=*/false);
      Probe->setSourceManager(const_cast<SourceManager *>(&SM));
      ProbeID = Probe->getCustomDiagID(DiagnosticsEngine::Warning, "%0");
    }
    Consumer.Check = Check;
    Probe->Report(L, ProbeID) << "";
    return Consumer.Silenced;
  }

  // NOLINT comments are rare; a file without one needs no handler.
  bool mayHoldNolint(const SourceManager &SM, SourceLocation L) {
    for (SourceLocation At : {SM.getFileLoc(L), SM.getSpellingLoc(L)}) {
      FileID ID = SM.getFileID(At);
      auto [It, New] = HasNolint.try_emplace(ID, false);
      if (New)
        It->second = SM.getBufferData(ID).contains("NOLINT");
      if (It->second)
        return true;
    }
    return false;
  }

  struct NolintConsumer : DiagnosticConsumer {
    void HandleDiagnostic(DiagnosticsEngine::Level Level,
                          const clang::Diagnostic &Info) override {
      SmallVector<tooling::Diagnostic, 1> Errors;
      Silenced = Handler.shouldSuppress(Level, Info, Check, Errors,
                                        /*AllowIO=*/true,
                                        /*EnableNoLintBlocks=*/true);
    }
    NoLintDirectiveHandler Handler;
    std::string Check;
    bool Silenced = false;
  };

  ClangTidyContext &Context;
  const bool KeepTyped;
  llvm::StringMap<unsigned> Index;
  std::optional<llvm::Regex> HeaderFilter, ExcludeHeaderFilter;
  llvm::DenseMap<FileID, bool> HasNolint;
  compat::DiagnosticOptionsHolder DiagOpts;
  NolintConsumer Consumer;
  std::unique_ptr<DiagnosticsEngine> Probe;
  unsigned ProbeID = 0;
};

bool enablesDurabilityCheck(ClangTidyContext &Context, StringRef File) {
  ClangTidyOptions Opts = Context.getOptionsForFile(File);
  GlobList Checks(Opts.Checks.value_or(""));
  return llvm::any_of(allCheckNames(), [&](const std::string &Name) {
    return Checks.contains(Name);
  });
}

std::string describeCompileError(const ClangTidyError &E) {
  SourceTexts Texts;
  Position P = Texts.position(E.Message.FilePath, E.Message.FileOffset);
  std::string Where = E.Message.FilePath;
  if (P.Line)
    Where += ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
  // An error in the command line, not in the source, has no location.
  if (!Where.empty())
    Where += ": ";
  return "it does not compile: " + Where + E.Message.Message;
}

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const TidyConfig &Config,
                    IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  if (Config.Config)
    return std::make_unique<ConfigOptionsProvider>(
        Config.Global, Config.Defaults, *Config.Config, Config.Overrides,
        std::move(FS));
  return std::make_unique<FileOptionsProvider>(Config.Global, Config.Defaults,
                                               Config.Overrides, std::move(FS));
}

class SharedOptions::View : public ClangTidyOptionsProvider {
public:
  View(SharedOptions &Shared, StringRef Directory)
      : Shared(Shared), Directory(Directory.str()) {}
  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Shared.Provider->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    std::lock_guard<std::mutex> Guard(Shared.Lock);
    // The compiler names the main file as its command does, which may be
    // relative to the unit's directory rather than the process's.
    return Shared.Provider->getRawOptions(absolutePath(FileName, Directory));
  }

private:
  SharedOptions &Shared;
  std::string Directory;
};

SharedOptions::SharedOptions(const TidyConfig &Config)
    : Config(Config),
      Provider(makeOptionsProvider(Config, llvm::vfs::getRealFileSystem())),
      FixNotes(Config.FixNotes) {}

SharedOptions::~SharedOptions() = default;

void SharedOptions::reload() {
  std::lock_guard<std::mutex> Guard(Lock);
  Provider = makeOptionsProvider(Config, llvm::vfs::getRealFileSystem());
}

std::unique_ptr<ClangTidyOptionsProvider>
SharedOptions::forUnit(StringRef Directory) {
  return std::make_unique<View>(*this, Directory);
}

std::vector<std::string> allCheckNames() {
  static const std::vector<std::string> Names = [] {
    ClangTidyCheckFactories Factories;
    for (const auto &Entry : ClangTidyModuleRegistry::entries())
      Entry.instantiate()->addCheckFactories(Factories);
    std::vector<std::string> Result;
    for (const auto &Factory : Factories)
      Result.push_back(Factory.getKey().str());
    llvm::sort(Result);
    return Result;
  }();
  return Names;
}

UnitResult analyseUnit(const CompileCommand &Command, SharedOptions &Options,
                       const Overlays *Buffers) {
  UnitResult Result;
  Result.File = Command.Filename;
  Result.BuildDirectory = Command.Directory;
  bool MainInBuffer = Buffers && Buffers->count(Command.Filename);
  if (!MainInBuffer)
    Result.Failure = inspectSource(Command.Filename);
  if (!Result.Failure.empty())
    return Result;
  ClangTidyContext Context(Options.forUnit(Command.Directory));
  if (!enablesDurabilityCheck(Context, Command.Filename)) {
    Result.ChecksEnabled = false;
    return Result;
  }
  Sink UnitSink(Context, Options.typedSections());
  crosstu::UnitSink::Scope Attach(UnitSink);
  UnitTool Unit(Command, Context);
  ClangTool &Tool = Unit.Tool;
  if (Buffers)
    // By reference: the tool keeps the texts' addresses until it runs.
    for (const auto &Entry : *Buffers)
      Tool.mapVirtualFile(Entry.getKey(), Entry.getValue());
  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/true,
                                       Options.fixNotes());
  compat::DiagnosticOptionsHolder DiagOpts;
  std::unique_ptr<DiagnosticsEngine> Engine =
      DiagOpts.newEngine(&Consumer, /*OwnsConsumer=*/false);
  DiagOpts.attachTo(Context, Engine.get());
  Tool.setDiagnosticConsumer(&Consumer);
  TidyActionFactory Factory(Context, Unit.FS);
  int Status = Tool.run(&Factory);

  for (ClangTidyError &E : Consumer.take()) {
    StringRef Dir = E.BuildDirectory.empty() ? StringRef(Command.Directory)
                                             : StringRef(E.BuildDirectory);
    absolutize(E.Message, Dir);
    for (DiagnosticMessage &Note : E.Notes)
      absolutize(Note, Dir);
    StringRef Name = E.DiagnosticName;
    if (E.DiagLevel >= ClangTidyError::Error &&
        Name.starts_with("clang-diagnostic-")) {
      if (Result.Failure.empty())
        Result.Failure = describeCompileError(E);
      continue;
    }
    // A malformed check option would silently analyse with less than the
    // user configured: the unit fails, naming the option.
    if (Name == "clang-tidy-config") {
      if (Result.Failure.empty())
        Result.Failure = "invalid check option: " + E.Message.Message;
      continue;
    }
    // An unmatched NOLINTBEGIN is reported as clang-tidy reports it.
    if (Name.starts_with("durability-") || Name == "clang-tidy-nolint")
      Result.Findings.push_back(std::move(E));
  }
  // clang-tidy's own errors fail the tool's run too; only one with no
  // diagnostic at all means the compiler could not start.
  if (Status != 0 && Result.Failure.empty() && Result.Findings.empty())
    Result.Failure = "the compiler could not run its compile command";
  // A unit that does not compile read files too: the language server
  // analyses it again when one of them is fixed.
  for (const std::string &File : Factory.FilesRead)
    Result.FilesRead.push_back(absolutePath(File, Command.Directory));
  // What a unit that does not compile says is not analysis.
  if (!Result.Failure.empty()) {
    Result.Findings.clear();
    return Result;
  }
  for (const std::string &File : UnitSink.Files)
    Result.Files.push_back(absolutePath(File, Command.Directory));
  Result.Sections = std::move(UnitSink.Sections);
  Result.Typed = std::move(UnitSink.Typed);
  for (const std::string &Name : allCheckNames())
    if (Context.isCheckEnabled(Name) && Context.treatAsError(Name))
      Result.ErrorChecks.push_back(Name);
  return Result;
}

std::optional<std::vector<std::string>> filesRead(const CompileCommand &Command,
                                                  SharedOptions &Options) {
  if (!inspectSource(Command.Filename).empty())
    return std::nullopt;
  ClangTidyContext Context(Options.forUnit(Command.Directory));
  UnitTool Unit(Command, Context);
  // What goes wrong is for the unit's analysis to report.
  IgnoringDiagConsumer Quiet;
  Unit.Tool.setDiagnosticConsumer(&Quiet);
  FilesReadFactory Factory;
  if (Unit.Tool.run(&Factory) != 0)
    return std::nullopt;
  for (std::string &File : Factory.Files)
    File = absolutePath(File, Command.Directory);
  return std::move(Factory.Files);
}

} // namespace durcheck
