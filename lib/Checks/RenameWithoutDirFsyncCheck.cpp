//===- RenameWithoutDirFsyncCheck.cpp - rename without a dir fsync -------===//

#include "Checks/RenameWithoutDirFsyncCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/RenameGraphBuilder.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVectorExtras.h"

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
    if (IsAngled)
      Included.emplace(SM.getFileID(HashLoc), "<" + Name.str() + ">");
  }

private:
  const SourceManager &SM;
  std::set<std::pair<FileID, std::string>> &Included;
};

} // namespace

RenameWithoutDirFsyncCheck::RenameWithoutDirFsyncCheck(
    StringRef Name, ClangTidyContext *Context)
    : RenameWithoutDirFsyncCheck(Name, Context, /*Creations=*/false) {}

RenameWithoutDirFsyncCheck::RenameWithoutDirFsyncCheck(
    StringRef Name, ClangTidyContext *Context, bool Creations)
    : ClangTidyCheck(Name, Context), Creations(Creations),
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
  this->PP = PP;
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, Included));
}

void RenameWithoutDirFsyncCheck::registerMatchers(MatchFinder *Finder) {
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
    return rename::planAnchor(Call, Facts, *Ctx, Locs, Sink, getID());
  };
  rename::GraphBuilder Builder(*Ctx, Flags, Policy, Locs, AddressTaken,
                               MakeAnchor);
  if (Creations)
    Builder.recordCreations();
  rename::UnitGraphs Graphs;
  Graphs.Functions = Builder.buildAll(Functions.all());
  for (const VarDecl *Table : Tables)
    Builder.recordInitialiser(*Table);
  Graphs.Slots = Builder.takeSlots();
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

void RenameWithoutDirFsyncCheck::report(const rename::ReportedRename &R,
                                        crosstu::Locations &Locs) {
  diag(Locs.toSource(R.Warning.At), "%0")
      << R.Warning.Text << Locs.hints(R.Warning.Fix);
  for (const rename::ReportedMessage &Note : R.Notes)
    diag(Locs.toSource(Note.At), "%0", DiagnosticIDs::Note)
        << Note.Text << Locs.hints(Note.Fix);
}

void RenameWithoutDirFsyncCheck::onEndOfTranslationUnit() {
  if (Ctx) {
    crosstu::Locations Locs(Ctx->getSourceManager(), Sink);
    rename::UnitGraphs Graphs = buildGraphs(Locs);
    rename::Program P;
    P.addUnit(Graphs);
    P.link();
    // The first finding in a file that needs a header adds it.
    std::set<std::pair<unsigned, std::string>> Given;
    auto Include = [&](unsigned, unsigned File, StringRef Header) {
      if (!Given.insert({File, Header.str()}).second)
        return std::optional<crosstu::UnitEdit>();
      return includeEdit(File, Header, Locs);
    };
    for (const rename::UnsyncedRename &F :
         Creations ? rename::findUnsyncedCreations(P)
                   : rename::findUnsyncedRenames(P))
      report(rename::reportRename(P, F, Include), Locs);
    if (Sink) {
      Graphs.Includes = allIncludeEdits(Graphs, Locs);
      Sink->putSection(getID(), toJSON(Graphs));
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

} // namespace

bool RenameWithoutDirFsyncCheck::join(llvm::ArrayRef<crosstu::UnitView> Units,
                                      crosstu::Verdicts &Out,
                                      std::string &Error) {
  return joinGraphs("durability-rename-without-dir-fsync", false, Units, Out,
                    Error);
}

bool RenameWithoutDirFsyncCheck::joinGraphs(
    StringRef Check, bool Creations, llvm::ArrayRef<crosstu::UnitView> Units,
    crosstu::Verdicts &Out, std::string &Error) {
  std::vector<rename::UnitGraphs> Graphs(Units.size());
  std::vector<unsigned> Present;
  for (unsigned U = 0; U < Units.size(); ++U) {
    if (!Units[U].Section)
      continue;
    llvm::json::Path::Root Root;
    if (!fromJSON(*Units[U].Section, Graphs[U], Root)) {
      Error = (Creations ? "unreadable creation summaries in "
                         : "unreadable rename summaries in ") +
              Units[U].Origin.str() + ": " + llvm::toString(Root.getError());
      return false;
    }
    Present.push_back(U);
  }
  rename::Program Whole;
  for (unsigned U : Present)
    Whole.addUnit(Graphs[U], Units[U].Files);
  Whole.link();
  auto KeyOf = [&](const rename::ReportedRename &R,
                   llvm::ArrayRef<unsigned> UnitOf) {
    return crosstu::FindingKey{
        Check.str(), Units[UnitOf[R.Warning.Unit]].file(R.Warning.At.File),
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
  for (const rename::UnsyncedRename &F :
       Creations ? rename::findUnsyncedCreations(Whole)
                 : rename::findUnsyncedRenames(Whole)) {
    auto Include = [&](unsigned U, unsigned File, StringRef Header) {
      return recordedInclude(Graphs[Present[U]], File, Header);
    };
    rename::ReportedRename R = rename::reportRename(Whole, F, Include);
    crosstu::FindingKey Key = KeyOf(R, Present);
    Holds.insert(Key);
    auto ToMessage = [&](const rename::ReportedMessage &M) {
      return toMessage(M, Units, Present);
    };
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
    Out.Added.push_back(crosstu::addedFinding(Check, R, Present, ToMessage));
  }
  for (const auto &[Key, Signature] : Alone)
    if (!Holds.count(Key))
      Out.Dropped.insert(Key);
  return true;
}

} // namespace durcheck
