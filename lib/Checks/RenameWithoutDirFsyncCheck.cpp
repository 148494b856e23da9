//===- RenameWithoutDirFsyncCheck.cpp - rename without a dir fsync -------===//

#include "Checks/RenameWithoutDirFsyncCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/RenameGraphBuilder.h"
#include "durcheck/CrossTU/Encoding.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVectorExtras.h"
#include <numeric>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {
namespace {

// Helper names such as fsync_parent_dir, fsyncFileDir, SyncDirIfManifest,
// DirSync or SYNC_DIRECTORY: "sync" or "flush" and a whole word "dir",
// "directory" or "parent", in either order, in snake, camel or upper case.
// Matched case-sensitively so that the word ends where the case changes:
// flush_dirty_pages is no directory sync.
constexpr char DefaultDirSyncFunctionPattern[] =
    "([Ss]ync|SYNC|[Ff]lush|FLUSH).*"
    "([Dd]ir|DIR|[Pp]arent|PARENT)([Ee]ctory|ECTORY)?([A-Z0-9_]|$)"
    "|([Dd]ir|DIR|[Pp]arent|PARENT)([Ee]ctory|ECTORY)?([A-Z0-9_]|$)"
    ".*([Ss]ync|SYNC)";

// Records the angled includes of each file. IncludeInserter only notices an
// include it would have put after the new one, so in a file whose includes
// are not sorted it would add a second copy.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM,
                  std::set<std::pair<FileID, std::string>> &Included)
      : SM(SM), Included(Included) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef Name,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    // No fix goes into a system header: its includes, most of a unit's,
    // need no record.
    if (IsAngled && !SM.isInSystemHeader(HashLoc))
      Included.emplace(SM.getFileID(HashLoc), "<" + Name.str() + ">");
  }

private:
  const SourceManager &SM;
  std::set<std::pair<FileID, std::string>> &Included;
};

// The options that shape the graphs, what counts as intent and the fixes.
constexpr llvm::StringLiteral GraphOptions[] = {
    "RequireIntent", "DirSyncFunctions", "DirSyncFunctionPattern",
    "DirSyncFunction", "IncludeStyle"};

// Whether the check Other runs on the current file with the options of the
// check Name, as written: then one object can build the graphs for both.
bool sameGraphs(const ClangTidyContext &Context, StringRef Name,
                StringRef Other) {
  if (!Context.isCheckEnabled(Other))
    return false;
  const ClangTidyOptions::OptionMap &Map = Context.getOptions().CheckOptions;
  return llvm::all_of(GraphOptions, [&](StringRef Option) {
    auto Mine = Map.find((Name + "." + Option).str());
    auto Theirs = Map.find((Other + "." + Option).str());
    if (Mine == Map.end() || Theirs == Map.end())
      return Mine == Theirs;
    return Mine->second.Value == Theirs->second.Value;
  });
}

} // namespace

RenameWithoutDirFsyncCheck::RenameWithoutDirFsyncCheck(
    StringRef Name, ClangTidyContext *Context)
    : RenameWithoutDirFsyncCheck(Name, Context, /*Creations=*/false) {}

RenameWithoutDirFsyncCheck::RenameWithoutDirFsyncCheck(
    StringRef Name, ClangTidyContext *Context, bool Creations)
    : ClangTidyCheck(Name, Context), TidyContext(Context),
      ReportsRenames(!Creations),
      ReportsCreations(Creations
                           ? !sameGraphs(*Context, Name, RenameCheckName)
                           : sameGraphs(*Context, Name, CreationCheckName)),
      RequireIntent(Options.get("RequireIntent", true)),
      DirSyncFunctions(Options.get("DirSyncFunctions", "").str()),
      DirSyncFunctionPattern(
          Options.get("DirSyncFunctionPattern", DefaultDirSyncFunctionPattern)
              .str()),
      DirSyncFunction(Options.get("DirSyncFunction", "").str()),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Sink(crosstu::UnitSink::current()) {
  for (StringRef F : utils::options::parseStringList(DirSyncFunctions))
    Policy.Functions.push_back(F.str());
  if (!DirSyncFunction.empty())
    Policy.Functions.push_back(DirSyncFunction);
  Policy.Helper = DirSyncFunction;
  Policy.PatternNeedsSyncWord =
      DirSyncFunctionPattern == DefaultDirSyncFunctionPattern;
  if (!DirSyncFunctionPattern.empty()) {
    Policy.Pattern = llvm::Regex(DirSyncFunctionPattern);
    std::string Error;
    if (!Policy.Pattern.isValid(Error))
      configurationDiag("invalid regular expression in "
                        "DirSyncFunctionPattern '%0': %1")
          << DirSyncFunctionPattern << Error;
  }
}

void RenameWithoutDirFsyncCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RequireIntent", RequireIntent);
  Options.store(Opts, "DirSyncFunctions", DirSyncFunctions);
  Options.store(Opts, "DirSyncFunctionPattern", DirSyncFunctionPattern);
  Options.store(Opts, "DirSyncFunction", DirSyncFunction);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void RenameWithoutDirFsyncCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  if (idle())
    return;
  this->PP = PP;
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, Included));
}

void RenameWithoutDirFsyncCheck::registerMatchers(MatchFinder *Finder) {
  if (idle())
    return;
  EnclosingFunctions::registerMatchers(*Finder, this);
  // The uses of the functions only this TU can call, and which of them are
  // calls: the others let the function escape into a pointer.
  auto Internal =
      functionDecl(anyOf(isStaticStorageClass(), isInAnonymousNamespace()));
  Finder->addMatcher(declRefExpr(to(Internal)).bind("reference"), this);
  Finder->addMatcher(callExpr(callee(Internal)).bind("internal-call"), this);
  // Tables of operations: a global initialised with functions.
  Finder->addMatcher(varDecl(hasGlobalStorage(), hasInitializer(initListExpr()),
                             unless(isExpansionInSystemHeader()))
                         .bind("table"),
                     this);
}

void RenameWithoutDirFsyncCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Functions.collect(Result))
    return;
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("reference"))
    InternalReferences.push_back(Ref);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("internal-call"))
    InternalCallees.insert(Call->getCallee()->IgnoreParenImpCasts());
  else if (const auto *Table = Result.Nodes.getNodeAs<VarDecl>("table"))
    Tables.push_back(Table);
}

rename::UnitGraphs
RenameWithoutDirFsyncCheck::buildGraphs(crosstu::Locations &Locs) {
  llvm::DenseSet<const FunctionDecl *> AddressTaken;
  for (const DeclRefExpr *Ref : InternalReferences)
    if (!InternalCallees.contains(Ref))
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
        AddressTaken.insert(FD->getCanonicalDecl());
  model::OpenFlags Flags(PP);
  auto MakeAnchor = [&](const CallExpr &Call, const FunctionFacts &Facts) {
    rename::Anchor A = rename::planAnchor(Call, Facts, *Ctx, Locs);
    if (Sink) {
      const SourceManager &SM = Ctx->getSourceManager();
      SourceLocation At = rename::anchorLocation(Call);
      A.Reportable =
          !ReportsRenames || Sink->reportable(RenameCheckName, SM, At);
      A.CreationReportable =
          !ReportsCreations || Sink->reportable(CreationCheckName, SM, At);
    }
    return A;
  };
  rename::GraphBuilder Builder(*Ctx, Flags, Policy, Locs, AddressTaken,
                               MakeAnchor);
  if (ReportsCreations)
    Builder.recordCreations();
  rename::UnitGraphs Graphs;
  for (const VarDecl *Table : Tables)
    Builder.recordInitialiser(*Table);
  Graphs.Functions = Builder.buildAll(Functions.all());
  Graphs.Slots = Builder.takeSlots();
  Graphs.Creations = ReportsCreations;
  Graphs.RequireIntent = RequireIntent;
  Graphs.CPlusPlus17 = Ctx->getLangOpts().CPlusPlus17;
  Graphs.DirSyncFunction = DirSyncFunction;
  return Graphs;
}

std::optional<crosstu::UnitEdit>
RenameWithoutDirFsyncCheck::includeEdit(unsigned File, StringRef Header,
                                        crosstu::Locations &Locs) {
  auto [It, New] = Includes.try_emplace({File, Header.str()});
  if (!New)
    return It->second;
  FileID ID = Ctx->getSourceManager().getFileID(Locs.toSource({File, 0}));
  if (ID.isInvalid() || Included.count({ID, Header.str()}))
    return std::nullopt;
  if (std::optional<FixItHint> Hint =
          Inserter.createIncludeInsertion(ID, Header)) {
    crosstu::Loc At = Locs.locate(Hint->RemoveRange.getBegin());
    It->second = crosstu::UnitEdit{At.File, At.Offset, 0, Hint->CodeToInsert};
  }
  return It->second;
}

std::vector<rename::IncludeEdit>
RenameWithoutDirFsyncCheck::allIncludeEdits(const rename::UnitGraphs &G,
                                            crosstu::Locations &Locs) {
  std::set<unsigned> Files;
  for (const rename::FunctionGraph &F : G.Functions)
    for (const rename::Anchor &A : F.Anchors)
      if (A.Fix != rename::Anchor::NoFix)
        Files.insert(A.At.File);
  std::vector<rename::IncludeEdit> Out;
  for (unsigned File : Files)
    for (StringRef Header : rename::fixHeaders())
      if (std::optional<crosstu::UnitEdit> E = includeEdit(File, Header, Locs))
        Out.push_back({File, Header.str(), E->Offset, E->Text});
  return Out;
}

void RenameWithoutDirFsyncCheck::reportAll(
    const rename::Program &P, llvm::ArrayRef<rename::UnsyncedRename> Found,
    StringRef Check, crosstu::Locations &Locs) {
  // The first finding in a file that needs a header adds it.
  std::set<std::pair<unsigned, std::string>> Given;
  auto Include = [&](unsigned, unsigned File, StringRef Header) {
    if (!Given.insert({File, Header.str()}).second)
      return std::optional<crosstu::UnitEdit>();
    return includeEdit(File, Header, Locs);
  };
  for (const rename::UnsyncedRename &F : Found) {
    rename::ReportedRename R = rename::reportRename(P, F, Include);
    TidyContext->diag(Check, Locs.toSource(R.Warning.At), "%0")
        << R.Warning.Text << Locs.hints(R.Warning.Fix);
    for (const rename::ReportedMessage &Note : R.Notes)
      TidyContext->diag(Check, Locs.toSource(Note.At), "%0",
                        DiagnosticIDs::Note)
          << Note.Text << Locs.hints(Note.Fix);
  }
}

void RenameWithoutDirFsyncCheck::onEndOfTranslationUnit() {
  if (Ctx) {
    crosstu::Locations Locs(Ctx->getSourceManager(), Sink);
    auto Section = std::make_shared<rename::GraphsSection>();
    rename::UnitGraphs &Graphs = Section->Graphs;
    Graphs = buildGraphs(Locs);
    rename::Program P;
    P.addUnit(Graphs);
    P.link();
    if (ReportsRenames && ReportsCreations) {
      rename::UnsyncedFiles Both = rename::findUnsyncedRenamesAndCreations(P);
      reportAll(P, Both.Renames, RenameCheckName, Locs);
      reportAll(P, Both.Creations, CreationCheckName, Locs);
    } else if (ReportsRenames) {
      reportAll(P, rename::findUnsyncedRenames(P), RenameCheckName, Locs);
    } else {
      reportAll(P, rename::findUnsyncedCreations(P), CreationCheckName, Locs);
    }
    if (Sink) {
      Graphs.Includes = allIncludeEdits(Graphs, Locs);
      Sink->putSection(getID(), std::move(Section));
    }
  }
  Functions.clear();
  InternalReferences.clear();
  InternalCallees.clear();
  Tables.clear();
  Includes.clear();
  Policy.forgetCallees();
  Ctx = nullptr;
}

//===-- The join ----------------------------------------------------------===//

namespace {

crosstu::Message toMessage(const rename::ReportedMessage &M,
                           llvm::ArrayRef<crosstu::UnitView> Units,
                           llvm::ArrayRef<unsigned> UnitOf) {
  return Units[UnitOf[M.Unit]].message({M.At, M.Text, M.Fix});
}

// The include edits a unit computed, for the findings the join adds.
std::optional<crosstu::UnitEdit>
recordedInclude(const rename::UnitGraphs &G, unsigned File, StringRef Header) {
  for (const rename::IncludeEdit &I : G.Includes)
    if (I.File == File && I.Header == Header)
      return crosstu::UnitEdit{File, I.Offset, 0, I.Text};
  return std::nullopt;
}

// The section whose graphs a join reads: the check's own, or, for the
// creations, the rename check's where it built the graphs for both.
const llvm::json::Value *graphsSection(const crosstu::UnitView &U,
                                       bool Creations) {
  if (U.Section || !Creations || !U.Sections)
    return U.Section;
  const llvm::json::Value *Shared = U.Sections->get(RenameCheckName);
  const llvm::json::Object *O = Shared ? Shared->getAsObject() : nullptr;
  return O && O->getBoolean("creations").value_or(false) ? Shared : nullptr;
}

// A check's typed section of a unit, or null.
const rename::GraphsSection *typedSection(const crosstu::UnitView &U,
                                          StringRef Check) {
  if (!U.Typed)
    return nullptr;
  auto It = U.Typed->find(Check);
  return It == U.Typed->end()
             ? nullptr
             : static_cast<const rename::GraphsSection *>(It->second.get());
}

// The typed graphs a join reads, as graphsSection picks them, sharing
// the unit's ownership.
std::shared_ptr<const rename::UnitGraphs>
typedGraphs(const crosstu::UnitView &U, bool Creations) {
  StringRef Check = Creations ? CreationCheckName : RenameCheckName;
  const rename::GraphsSection *S = typedSection(U, Check);
  if (!S && Creations) {
    Check = RenameCheckName;
    S = typedSection(U, Check);
    if (S && !S->Graphs.Creations)
      S = nullptr;
  }
  if (!S)
    return nullptr;
  return std::shared_ptr<const rename::UnitGraphs>(U.Typed->lookup(Check),
                                                   &S->Graphs);
}

// Whether the rename check's join judges the creations too: every unit
// that left graphs left the rename check's, built for both checks. Then
// the creation analysis borrows from the rename analysis, as in a unit.
bool judgedTogether(llvm::ArrayRef<crosstu::UnitView> Units) {
  bool Any = false;
  for (const crosstu::UnitView &U : Units) {
    if (typedSection(U, CreationCheckName))
      return false;
    if (const rename::GraphsSection *S = typedSection(U, RenameCheckName)) {
      if (!S->Graphs.Creations)
        return false;
      Any = true;
    }
    if (!U.Sections)
      continue;
    if (U.Sections->get(CreationCheckName))
      return false;
    if (const llvm::json::Value *Graphs = U.Sections->get(RenameCheckName)) {
      const llvm::json::Object *O = Graphs->getAsObject();
      if (!O || !O->getBoolean("creations").value_or(false))
        return false;
      Any = true;
    }
  }
  return Any;
}

} // namespace

// The join over the graphs, kept between joins: each join reads the
// sections of the units that changed, gives them to the program, and
// brings the analysis up to date. Program units are the join's units.
class RenameWithoutDirFsyncCheck::GraphJoiner : public crosstu::Joiner {
public:
  /// Creations: the creation check's joiner, which judges nothing where
  /// the rename check's judges both.
  explicit GraphJoiner(bool Creations) : Creations(Creations) {}

  bool join(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, crosstu::Verdicts &Out,
            std::string &Error) override;

private:
  bool read(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, std::string &Error);

  const bool Creations;
  std::optional<rename::Analysis::Judged> What;
  /// Read from JSON, or shared with the unit that left them typed.
  std::vector<std::shared_ptr<const rename::UnitGraphs>> Graphs;
  rename::Program Whole;
  std::optional<rename::Analysis> Analysis;
};

bool RenameWithoutDirFsyncCheck::GraphJoiner::read(
    llvm::ArrayRef<crosstu::UnitView> Units, const std::vector<bool> &Changed,
    std::string &Error) {
  auto SectionOf = [&](const crosstu::UnitView &U) {
    return graphsSection(U, Creations);
  };
  auto Read = [&](const crosstu::UnitView &, const llvm::json::Value &Section,
                  rename::UnitGraphs &Into, std::string &Why) {
    llvm::json::Path::Root Root;
    if (!fromJSON(Section, Into, Root)) {
      Why = llvm::toString(Root.getError());
      return false;
    }
    // A unit read again may keep most of its functions: the program tells
    // them by their fingerprints, taken on the reading threads.
    if (Kept)
      for (auto [F, V] : llvm::zip(
               Into.Functions, *Section.getAsObject()->getArray("functions"))) {
        F.Fingerprint = crosstu::hashJSON(V);
        F.PlacelessFingerprint = rename::placelessFingerprint(V);
      }
    return true;
  };
  // Graphs a unit left typed need no reading.
  std::vector<std::pair<unsigned, std::shared_ptr<const rename::UnitGraphs>>>
      Fresh;
  std::vector<bool> ToRead(Changed);
  for (unsigned U = 0; U < Units.size(); ++U)
    if (Changed[U])
      if (auto Typed = typedGraphs(Units[U], Creations)) {
        Fresh.emplace_back(U, std::move(Typed));
        ToRead[U] = false;
      }
  std::vector<std::pair<unsigned, std::unique_ptr<rename::UnitGraphs>>> Parsed;
  if (!crosstu::readSections(Units, ToRead, SectionOf, Read,
                             Creations ? "unreadable creation summaries"
                                       : "unreadable rename summaries",
                             Parsed, Error))
    return false;
  for (auto &[U, New] : Parsed)
    Fresh.emplace_back(U, std::move(New));
  llvm::sort(Fresh, llvm::less_first());
  Graphs.resize(Units.size());
  std::vector<unsigned> Replaced;
  for (const auto &Unit : Fresh)
    Replaced.push_back(Unit.first);
  Whole.replacing(Replaced);
  for (auto &[U, New] : Fresh) {
    // The program lets go of the old graphs before they are freed.
    Whole.setUnit(U, New.get(), Units[U].Files);
    Graphs[U] = std::move(New);
  }
  return true;
}

bool RenameWithoutDirFsyncCheck::GraphJoiner::join(
    llvm::ArrayRef<crosstu::UnitView> Units, const std::vector<bool> &Changed,
    crosstu::Verdicts &Out, std::string &Error) {
  bool Together = judgedTogether(Units);
  if (Creations && Together) {
    // It reads no unit meanwhile: its next join starts afresh.
    What.reset();
    return true;
  }
  using Judged = rename::Analysis::Judged;
  Judged Now = Together    ? Judged::Both
               : Creations ? Judged::Creations
                           : Judged::Renames;
  std::vector<bool> All(Units.size(), true);
  bool Fresh = What != Now;
  if (Fresh) {
    What = Now;
    Graphs.clear();
    Whole = rename::Program();
    Analysis.emplace(Now);
  }
  if (!read(Units, Fresh ? All : Changed, Error))
    return false;
  Whole.link();
  rename::UnsyncedFiles Found = Analysis->update(Whole);
  // Only the units that left graphs took part: what the others reported
  // alone stands.
  std::vector<unsigned> Present;
  for (unsigned U = 0; U < Graphs.size(); ++U)
    if (Graphs[U])
      Present.push_back(U);
  if (Now != Judged::Creations)
    addVerdicts(RenameCheckName, Found.Renames, Whole, Present, Units, Out);
  if (Now != Judged::Renames)
    addVerdicts(CreationCheckName, Found.Creations, Whole, Present, Units, Out);
  return true;
}

std::unique_ptr<crosstu::Joiner> RenameWithoutDirFsyncCheck::makeJoiner() {
  return std::make_unique<GraphJoiner>(false);
}

std::unique_ptr<crosstu::Joiner>
RenameWithoutDirFsyncCheck::makeCreationJoiner() {
  return std::make_unique<GraphJoiner>(true);
}

void RenameWithoutDirFsyncCheck::addVerdicts(
    StringRef Check, llvm::ArrayRef<rename::UnsyncedRename> Found,
    const rename::Program &Whole, llvm::ArrayRef<unsigned> Present,
    llvm::ArrayRef<crosstu::UnitView> Units, crosstu::Verdicts &Out) {
  // The program's units are the join's.
  std::vector<unsigned> Same(Units.size());
  std::iota(Same.begin(), Same.end(), 0);
  auto KeyOf = [&](const rename::ReportedRename &R) {
    return crosstu::FindingKey{Check.str(),
                               Units[R.Warning.Unit].file(R.Warning.At.File),
                               R.Warning.At.Offset};
  };
  // What each unit reported alone.
  std::map<crosstu::FindingKey, std::string> Alone;
  for (unsigned U : Present)
    for (const crosstu::Finding &F : Units[U].Found)
      if (F.Check == Check)
        Alone.emplace(
            crosstu::FindingKey{F.Check, F.Warning.File, F.Warning.Offset},
            crosstu::signature(F.Warning, F.Notes));
  // What the whole program shows.
  std::set<crosstu::FindingKey> Holds;
  auto Include = [&](unsigned U, unsigned File, StringRef Header) {
    return recordedInclude(Whole.unit(U), File, Header);
  };
  auto ToMessage = [&](const rename::ReportedMessage &M) {
    return toMessage(M, Units, Same);
  };
  for (const rename::UnsyncedRename &F : Found) {
    rename::ReportedRename R = rename::reportRename(Whole, F, Include);
    crosstu::FindingKey Key = KeyOf(R);
    Holds.insert(Key);
    auto It = Alone.find(Key);
    if (It != Alone.end() &&
        It->second ==
            crosstu::signature(ToMessage(R.Warning),
                               llvm::map_to_vector(R.Notes, ToMessage)))
      continue;
    // The unit's own version is wrong: another unit changes its notes.
    if (It != Alone.end())
      Out.Dropped.insert(Key);
    if (!R.Reportable)
      continue;
    Out.Added.push_back(crosstu::addedFinding(Check, R, Same, ToMessage));
  }
  for (const auto &[Key, Signature] : Alone)
    if (!Holds.count(Key))
      Out.Dropped.insert(Key);
}

} // namespace durcheck
