//===- RenameWithoutFileFsyncCheck.cpp - rename without a file fsync ------===//

#include "Checks/RenameWithoutFileFsyncCheck.h"
#include "Checks/FileSyncFixIt.h"
#include "Checks/OptionValues.h"
#include "durcheck/Analysis/AccessPath.h"
#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/Spelling.h"
#include "durcheck/CrossTU/Locations.h"
#include "durcheck/CrossTU/Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include <set>
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {

constexpr llvm::StringLiteral ThisCheck =
    "durability-rename-without-file-fsync";

RenameWithoutFileFsyncCheck::RenameWithoutFileFsyncCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      DataSyncFunctions(Options.get("DataSyncFunctions", "").str()),
      FileWriteFunctions(Options.get("FileWriteFunctions", "").str()),
      Sink(crosstu::UnitSink::current()) {
  Policy.SyncFunctions = functionList("DataSyncFunctions", DataSyncFunctions);
  Policy.WriteFunctions =
      functionList("FileWriteFunctions", FileWriteFunctions);
}

std::vector<std::string>
RenameWithoutFileFsyncCheck::functionList(StringRef Option, StringRef Value) {
  return functionNames(Value, [&](StringRef F) {
    configurationDiag("invalid entry '%0' in %1; expected a function name")
        << F << Option;
  });
}

void RenameWithoutFileFsyncCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "DataSyncFunctions", DataSyncFunctions);
  Options.store(Opts, "FileWriteFunctions", FileWriteFunctions);
}

void RenameWithoutFileFsyncCheck::registerPPCallbacks(const SourceManager &,
                                                      Preprocessor *PP,
                                                      Preprocessor *) {
  this->PP = PP;
}

void RenameWithoutFileFsyncCheck::registerMatchers(MatchFinder *Finder) {
  EnclosingFunctions::registerMatchers(*Finder, this);
}

void RenameWithoutFileFsyncCheck::check(
    const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  Functions.collect(Result);
}

namespace {

std::string pathOf(const Expr *E, const ASTContext &Ctx) {
  return pathSpelling(*model::stripPathWrappers(E), Ctx);
}

std::string codeOf(const Expr *E, const ASTContext &Ctx) {
  std::optional<StringRef> Text = sourceText(E->getSourceRange(), Ctx);
  return Text ? quoteForMessage(*Text) : std::string();
}

} // namespace

void RenameWithoutFileFsyncCheck::report(const RenamedUnsynced &F,
                                         const FunctionDecl &FD) {
  // Through Stmt: Clang 22 begins an operator() call at its '('.
  SourceLocation At = static_cast<const Stmt *>(F.Rename)->getBeginLoc();
  std::string Source = pathOf(F.Source, *Ctx), Dest = pathOf(F.Dest, *Ctx);
  std::optional<FixItHint> Fix;
  if (F.Kind != RenamedUnsynced::Stream) {
    model::OpenFlags Flags(PP);
    Fix = fileSyncFix(F, collectFacts(FD, Flags, *Ctx), *Ctx);
  }
  {
    auto D = F.OnlyRangeSynced
                 ? diag(At, "%0 is renamed over %1 after only sync_file_range, "
                            "which writes the data pages but not the inode and "
                            "flushes no disk cache; after a crash %1 can be "
                            "empty or torn")
                 : diag(At, "%0 is renamed over %1 before its data is "
                            "fsynced; after a crash %1 can be empty or torn");
    D << Source << Dest;
    if (Fix)
      D << *Fix;
  }
  diag(F.Write->getBeginLoc(), "the data is written here", DiagnosticIDs::Note);
  if (F.Flush)
    diag(F.Flush->getBeginLoc(),
         "fflush only hands the data to the kernel; fsync(fileno(%0)) after "
         "it makes it durable",
         DiagnosticIDs::Note)
        << codeOf(F.Flush->getArg(0), *Ctx);
  if (F.Kind == RenamedUnsynced::Stream) {
    diag(F.Open->getBeginLoc(),
         "a std::ofstream cannot be fsynced: write through an fd, or open %0 "
         "again and fsync it before the rename",
         DiagnosticIDs::Note)
        << pathOf(F.OpenedPath, *Ctx);
    return;
  }
  if (Fix)
    return;
  if (!F.Close) {
    diag(At, "fsync the file before the rename, and act on its failure",
         DiagnosticIDs::Note);
    return;
  }
  std::string Handle = codeOf(F.Close->getArg(0), *Ctx);
  if (F.Kind == RenamedUnsynced::Stdio)
    diag(F.Close->getBeginLoc(),
         "fflush %0 and fsync fileno(%0) before it is closed, and act on "
         "their failure",
         DiagnosticIDs::Note)
        << Handle;
  else
    diag(F.Close->getBeginLoc(),
         "fsync %0 before it is closed, and act on its failure",
         DiagnosticIDs::Note)
        << Handle;
}

void RenameWithoutFileFsyncCheck::onEndOfTranslationUnit() {
  if (Ctx) {
    Policy.summarise(Functions.all(), *Ctx);
    model::OpenFlags Flags(PP);
    std::vector<std::pair<const RenamedUnsynced *, crosstu::Loc>> Pending;
    std::vector<RenamedUnsynced> All;
    crosstu::Locations Locs(Ctx->getSourceManager(), Sink);
    for (const FunctionDecl *FD : Functions.all())
      for (RenamedUnsynced &F : findRenamedUnsynced(*FD, *Ctx, Flags, Policy)) {
        report(F, *FD);
        All.push_back(std::move(F));
      }
    if (Sink) {
      for (const RenamedUnsynced &F : All)
        if (!F.Unseen.empty())
          Pending.push_back(
              {&F, Locs.locate(
                       static_cast<const Stmt *>(F.Rename)->getBeginLoc())});
      llvm::json::Value Section = section(Pending);
      if (!Section.getAsObject()->empty())
        Sink->putSection(getID(), std::move(Section));
    }
  }
  Functions.clear();
  Policy.clear();
  Ctx = nullptr;
}

//===-- What the join needs of the unit -----------------------------------===//

llvm::json::Value RenameWithoutFileFsyncCheck::section(
    ArrayRef<std::pair<const RenamedUnsynced *, crosstu::Loc>> Pending) {
  crosstu::FunctionNames Names(*Ctx);
  std::set<std::pair<std::string, unsigned>> Syncs;
  std::set<std::tuple<std::string, unsigned, std::string, unsigned>> Forwards;
  for (const FunctionDecl *FD : Functions.all()) {
    const DataSyncSummary *S = Policy.summaryOf(*FD);
    if (!S || !FD->isExternallyVisible())
      continue;
    for (unsigned P : S->Syncs)
      Syncs.insert({Names(*FD), P});
    for (const auto &[Callee, Arg, Param] : S->Forwards)
      Forwards.insert({Names(*FD), Param, Names(*Callee), Arg});
  }
  llvm::json::Object Out;
  llvm::json::Array SyncsOut, ForwardsOut, FindingsOut;
  SyncsOut.reserve(Syncs.size());
  ForwardsOut.reserve(Forwards.size());
  FindingsOut.reserve(Pending.size());
  for (const auto &[Name, Param] : Syncs)
    SyncsOut.push_back(llvm::json::Object{{"name", Name}, {"param", Param}});
  for (const auto &[Name, Param, Callee, Arg] : Forwards)
    ForwardsOut.push_back(llvm::json::Object{
        {"name", Name}, {"param", Param}, {"callee", Callee}, {"arg", Arg}});
  for (const auto &[F, At] : Pending) {
    std::set<std::pair<std::string, unsigned>> Helpers;
    for (const auto &[Callee, Arg] : F->Unseen)
      Helpers.insert({Names(*Callee), Arg});
    llvm::json::Array HelpersOut;
    HelpersOut.reserve(Helpers.size());
    for (const auto &[Callee, Arg] : Helpers)
      HelpersOut.push_back(
          llvm::json::Object{{"callee", Callee}, {"arg", Arg}});
    FindingsOut.push_back(
        llvm::json::Object{{"file", At.File},
                           {"offset", At.Offset},
                           {"helpers", std::move(HelpersOut)}});
  }
  if (!SyncsOut.empty())
    Out["syncs"] = std::move(SyncsOut);
  if (!ForwardsOut.empty())
    Out["forwards"] = std::move(ForwardsOut);
  if (!FindingsOut.empty())
    Out["findings"] = std::move(FindingsOut);
  return Out;
}

//===-- The join ----------------------------------------------------------===//

namespace {

using ArgOf = std::pair<std::string, unsigned>;

struct Forward {
  ArgOf From, To;
};

// What a unit's section says: the parameters its helpers sync or hand on,
// and its findings with the helpers of other units that may sync them.
struct UnitSyncs {
  std::vector<ArgOf> Syncs;
  std::vector<Forward> Forwards;
  std::vector<std::pair<crosstu::Loc, std::vector<ArgOf>>> Findings;
};

// Reads a unit's section; false, with the reason in Why, when it is
// malformed.
bool readSection(const crosstu::UnitView &U, const llvm::json::Value &Section,
                 UnitSyncs &Out, std::string &Why) {
  const llvm::json::Object *S = Section.getAsObject();
  auto Bad = [&](StringRef Reason) {
    Why = Reason.str();
    return false;
  };
  if (!S)
    return Bad("not an object");
  auto ArgIn = [](const llvm::json::Object *O, StringRef Name,
                  StringRef Index) -> std::optional<ArgOf> {
    std::optional<StringRef> N = O ? O->getString(Name) : std::nullopt;
    std::optional<int64_t> I = O ? O->getInteger(Index) : std::nullopt;
    if (!N || !I || *I < 0)
      return std::nullopt;
    return ArgOf{N->str(), unsigned(*I)};
  };
  if (const llvm::json::Array *A = S->getArray("syncs"))
    for (const llvm::json::Value &V : *A) {
      std::optional<ArgOf> P = ArgIn(V.getAsObject(), "name", "param");
      if (!P)
        return Bad("a sync without a name or parameter");
      Out.Syncs.push_back(*P);
    }
  if (const llvm::json::Array *A = S->getArray("forwards"))
    for (const llvm::json::Value &V : *A) {
      std::optional<ArgOf> From = ArgIn(V.getAsObject(), "name", "param");
      std::optional<ArgOf> To = ArgIn(V.getAsObject(), "callee", "arg");
      if (!From || !To)
        return Bad("a forward without its ends");
      Out.Forwards.push_back({*From, *To});
    }
  if (const llvm::json::Array *A = S->getArray("findings"))
    for (const llvm::json::Value &V : *A) {
      const llvm::json::Object *F = V.getAsObject();
      std::optional<int64_t> File = F ? F->getInteger("file") : std::nullopt;
      std::optional<int64_t> Offset =
          F ? F->getInteger("offset") : std::nullopt;
      const llvm::json::Array *Helpers = F ? F->getArray("helpers") : nullptr;
      if (!File || !Offset || !Helpers || *File < 0 ||
          size_t(*File) >= U.Files.size() || *Offset < 0)
        return Bad("a finding out of range");
      std::vector<ArgOf> Args;
      for (const llvm::json::Value &H : *Helpers) {
        std::optional<ArgOf> Arg = ArgIn(H.getAsObject(), "callee", "arg");
        if (!Arg)
          return Bad("a helper without a name or argument");
        Args.push_back(*Arg);
      }
      Out.Findings.push_back(
          {crosstu::Loc{unsigned(*File), unsigned(*Offset)}, std::move(Args)});
    }
  return true;
}

// The join over the units' sections, which it keeps between joins: each
// join reads the units that changed, and solves the helpers again.
class SyncsJoiner : public crosstu::Joiner {
public:
  bool join(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, crosstu::Verdicts &Out,
            std::string &Error) override;

private:
  /// By unit; null for a unit that left no section.
  std::vector<std::unique_ptr<UnitSyncs>> ByUnit;
};

bool SyncsJoiner::join(llvm::ArrayRef<crosstu::UnitView> Units,
                       const std::vector<bool> &Changed, crosstu::Verdicts &Out,
                       std::string &Error) {
  auto SectionOf = [](const crosstu::UnitView &U) { return U.Section; };
  std::vector<std::pair<unsigned, std::unique_ptr<UnitSyncs>>> Again;
  if (!crosstu::readSections(Units, Changed, SectionOf, readSection,
                             "unreadable file-sync summaries", Again, Error))
    return false;
  ByUnit.resize(Units.size());
  for (auto &[U, New] : Again)
    ByUnit[U] = std::move(New);
  // Most programs leave no finding to a helper of another unit.
  if (llvm::none_of(ByUnit, [](const std::unique_ptr<UnitSyncs> &S) {
        return S && !S->Findings.empty();
      }))
    return true;
  std::vector<const UnitSyncs *> Present;
  for (const std::unique_ptr<UnitSyncs> &S : ByUnit)
    if (S)
      Present.push_back(S.get());
  std::set<ArgOf> Syncs;
  for (const UnitSyncs *S : Present)
    Syncs.insert(S->Syncs.begin(), S->Syncs.end());
  // A helper that hands its parameter to one that syncs it syncs it too.
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (const UnitSyncs *S : Present)
      for (const Forward &F : S->Forwards)
        if (Syncs.count(F.To) && Syncs.insert(F.From).second)
          Grew = true;
  }
  for (size_t U = 0; U < Units.size(); ++U) {
    if (!ByUnit[U])
      continue;
    for (const auto &[At, Helpers] : ByUnit[U]->Findings)
      if (llvm::any_of(Helpers, [&](const ArgOf &H) { return Syncs.count(H); }))
        Out.Dropped.insert(
            {ThisCheck.str(), Units[U].file(At.File), At.Offset});
  }
  return true;
}

} // namespace

std::unique_ptr<crosstu::Joiner> RenameWithoutFileFsyncCheck::makeJoiner() {
  return std::make_unique<SyncsJoiner>();
}

} // namespace durcheck
