//===- MixedDirectBufferedIoCheck.cpp - O_DIRECT mixed with buffered I/O --===//

#include "Checks/MixedDirectBufferedIoCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/Spelling.h"
#include "durcheck/CrossTU/Locations.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <set>
#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace durcheck {
namespace {

constexpr llvm::StringLiteral OpenFunctions[] = {
    "open",  "open64",  "openat",  "openat64",  "creat", "creat64",
    "fopen", "fopen64", "freopen", "freopen64", "fcntl", "fcntl64"};

constexpr llvm::StringLiteral StreamClasses[] = {
    "::std::basic_ifstream", "::std::basic_ofstream", "::std::basic_fstream",
    "::std::basic_filebuf"};

// "name,path-index,flags-index", indexes counted from 0.
std::optional<model::OpenLikeFunction> parseOpenLike(StringRef Entry) {
  SmallVector<StringRef, 3> Parts;
  Entry.split(Parts, ',');
  model::OpenLikeFunction F;
  if (Parts.size() != 3 || Parts[1].trim().getAsInteger(10, F.Path) ||
      Parts[2].trim().getAsInteger(10, F.Flags))
    return std::nullopt;
  StringRef Name = Parts[0].trim();
  Name.consume_front("::");
  if (Name.empty())
    return std::nullopt;
  F.Name = Name.str();
  return F;
}

std::string bufferedWarning(StringRef Spelling) {
  return (Spelling + " is also opened with O_DIRECT; mixing buffered and "
                     "direct I/O on one file lets reads return stale data")
      .str();
}

// The note at the direct partner of a buffered open. FdOpen says whether
// the buffered open is an open() whose flags can take O_DIRECT.
std::string directPartnerNote(StringRef Spelling, DirectHow How, bool FdOpen) {
  StringRef Opened = How == DirectHow::Opened ? " is opened with O_DIRECT here"
                     : How == DirectHow::MaybeOpened
                         ? " may be opened with O_DIRECT here"
                         : "";
  std::string Head =
      How == DirectHow::SetByFcntl
          ? ("O_DIRECT is set on a descriptor of " + Spelling + " here").str()
          : (Spelling + Opened).str();
  StringRef Remedy = FdOpen ? "add O_DIRECT to the buffered open"
                            : "open the buffered file with open() and "
                              "O_DIRECT instead";
  return (Head + "; " + Remedy +
          " and align its buffers and offsets, or drop O_DIRECT")
      .str();
}

SourceLocation siteLoc(const Expr *E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getLocation();
  return E->getBeginLoc();
}

bool takesFlags(const model::OpenCall &Open) {
  return Open.Kind == model::OpenKind::Open ||
         Open.Kind == model::OpenKind::OpenAt;
}

// Operators that bind more loosely than |: "flags | O_DIRECT" would attach
// the flag to their last operand only.
bool bindsLooserThanOr(const Expr *E) {
  E = E->IgnoreImpCasts();
  if (isa<AbstractConditionalOperator>(E))
    return true;
  const auto *BO = dyn_cast<BinaryOperator>(E);
  return BO && (BO->isLogicalOp() || BO->isAssignmentOp() || BO->isCommaOp());
}

} // namespace

MixedDirectBufferedIoCheck::MixedDirectBufferedIoCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      OpenLikeFunctionsOption(Options.get("OpenLikeFunctions", "").str()),
      IgnoreWriteOnlyOpens(Options.get("IgnoreWriteOnlyOpens", false)),
      Sink(crosstu::UnitSink::current()) {
  for (StringRef Entry :
       utils::options::parseStringList(OpenLikeFunctionsOption)) {
    if (std::optional<model::OpenLikeFunction> F = parseOpenLike(Entry))
      OpenLikeFunctions.push_back(std::move(*F));
    else
      configurationDiag("invalid entry '%0' in OpenLikeFunctions; expected "
                        "'name,path-index,flags-index'")
          << Entry;
  }
}

void MixedDirectBufferedIoCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "OpenLikeFunctions", OpenLikeFunctionsOption);
  Options.store(Opts, "IgnoreWriteOnlyOpens", IgnoreWriteOnlyOpens);
}

void MixedDirectBufferedIoCheck::registerPPCallbacks(const SourceManager &,
                                                     Preprocessor *PP,
                                                     Preprocessor *) {
  this->PP = PP;
}

void MixedDirectBufferedIoCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<StringRef> Names(std::begin(OpenFunctions),
                               std::end(OpenFunctions));
  for (const model::OpenLikeFunction &F : OpenLikeFunctions)
    Names.push_back(F.Name);
  std::vector<StringRef> Streams(std::begin(StreamClasses),
                                 std::end(StreamClasses));
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Names))),
                              unless(isExpansionInSystemHeader()))
                         .bind("open"),
                     this);
  Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                                          ofClass(hasAnyName(Streams)))),
                                      unless(isExpansionInSystemHeader()))
                         .bind("open"),
                     this);
  Finder->addMatcher(
      cxxMemberCallExpr(
          callee(cxxMethodDecl(hasName("open"), ofClass(hasAnyName(Streams)))),
          unless(isExpansionInSystemHeader()))
          .bind("open"),
      this);
  EnclosingFunctions::registerMatchers(*Finder, this);
}

void MixedDirectBufferedIoCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Functions.collect(Result))
    return;
  const auto *E = Result.Nodes.getNodeAs<Expr>("open");
  if (E->isInstantiationDependent() || E->containsErrors())
    return;
  // A template's instantiations repeat the open at the same place.
  if (Seen.insert(E->getBeginLoc()).second)
    Candidates.push_back(E);
}

const FunctionDecl *MixedDirectBufferedIoCheck::enclosing(const Expr *E) {
  std::vector<const FunctionDecl *> Holders =
      Functions.at(E->getBeginLoc(), Ctx->getSourceManager());
  // The instances of a template share its range; the open's own instance
  // is the one whose dataflow saw the call.
  if (const auto *Call = dyn_cast<CallExpr>(E))
    for (const FunctionDecl *FD : Holders)
      if (modesOf(*FD).Flags.count(Call))
        return FD;
  return Holders.empty() ? nullptr : Holders.front();
}

const OpenModes &MixedDirectBufferedIoCheck::modesOf(const FunctionDecl &FD) {
  auto It = Modes.find(&FD);
  if (It != Modes.end())
    return It->second;
  model::OpenFlags Flags(PP);
  OpenModes Result =
      runOpenModeAnalysis(FD, *Ctx, Flags, [&](const CallExpr *Call) {
        return model::matchOpen(Call, OpenLikeFunctions);
      });
  return Modes.try_emplace(&FD, std::move(Result)).first->second;
}

std::optional<MixedDirectBufferedIoCheck::Site>
MixedDirectBufferedIoCheck::classify(const model::OpenCall &Open,
                                     const FunctionDecl *FD) {
  if (Open.Kind == model::OpenKind::MkTemp)
    return std::nullopt; // The template becomes a new, unique name.
  std::optional<model::PathKey> Key = model::openedPathKey(Open, *Ctx);
  if (!Key)
    return std::nullopt;
  Site S{Open, {*Key, CacheMode::Buffered, true}};
  model::OpenFlags Flags(PP);
  model::FlagSet Bits = model::FlagSet::constant(0);
  if (Open.Kind == model::OpenKind::Open ||
      Open.Kind == model::OpenKind::OpenAt) {
    const auto *Call = cast<CallExpr>(Open.Call);
    const OpenModes *M = FD ? &modesOf(*FD) : nullptr;
    // Outside a function, or in dead code, no local can be known.
    Bits = Flags.evaluate(Open.Flags, *Ctx, [](const VarDecl *) {
      return std::optional<model::FlagSet>();
    });
    if (M)
      if (auto It = M->Flags.find(Call); It != M->Flags.end())
        Bits = It->second;
    uint64_t Direct = Flags.value("O_DIRECT");
    if (M)
      if (auto It = M->SetDirect.find(Call); It != M->SetDirect.end())
        S.SetDirect = It->second;
    if (S.SetDirect || (Bits.Must & Direct))
      S.Fact.Mode = CacheMode::Direct;
    else if (Bits.May & Direct)
      S.Fact.Mode = CacheMode::MaybeDirect;
    else if (!Bits.lacks(Direct))
      return std::nullopt; // Flags the analysis cannot see.
  }
  S.Fact.Reads = Flags.reads(Open, Bits);
  return S;
}

void MixedDirectBufferedIoCheck::onEndOfTranslationUnit() {
  if (!Candidates.empty())
    judgeOpens();
  Candidates.clear();
  Seen.clear();
  Modes.clear();
  Functions.clear();
}

void MixedDirectBufferedIoCheck::judgeOpens() {
  const SourceManager &SM = Ctx->getSourceManager();
  llvm::sort(Candidates, [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  std::vector<Site> Sites;
  for (const Expr *E : Candidates) {
    std::optional<model::OpenCall> Open;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      Open = model::matchOpen(Call, OpenLikeFunctions);
    else
      Open = model::matchStreamOpen(E);
    if (Open)
      if (std::optional<Site> S = classify(*Open, enclosing(E)))
        Sites.push_back(std::move(*S));
  }
  std::vector<OpenFact> Opens;
  for (const Site &S : Sites)
    Opens.push_back(S.Fact);
  std::vector<bool> Reported(Sites.size());
  for (const MixedOpen &M : findMixedOpens(Opens, IgnoreWriteOnlyOpens)) {
    report(Sites[M.Buffered], Sites[M.Direct]);
    Reported[M.Buffered] = true;
  }
  if (Sink)
    recordOpens(Sites, Reported);
}

SourceLocation MixedDirectBufferedIoCheck::directLoc(const Site &Direct) {
  return Direct.SetDirect ? Direct.SetDirect->getBeginLoc()
                          : siteLoc(Direct.Open.Call);
}

DirectHow MixedDirectBufferedIoCheck::directHow(const Site &Direct) {
  if (Direct.SetDirect)
    return DirectHow::SetByFcntl;
  return Direct.Fact.Mode == CacheMode::MaybeDirect ? DirectHow::MaybeOpened
                                                    : DirectHow::Opened;
}

bool MixedDirectBufferedIoCheck::isFdOpen(const Site &S) {
  return takesFlags(S.Open);
}

std::optional<FixItHint>
MixedDirectBufferedIoCheck::addDirectFlag(const model::OpenCall &Open) {
  if (!takesFlags(Open) || !Open.Flags || !PP)
    return std::nullopt;
  // Spell the flag the way this TU can compile it.
  StringRef Flag = PP->isMacroDefined("O_DIRECT")     ? "O_DIRECT"
                   : PP->isMacroDefined("__O_DIRECT") ? "__O_DIRECT"
                                                      : "";
  const SourceManager &SM = Ctx->getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Open.Flags->getSourceRange()), SM,
      Ctx->getLangOpts());
  if (Flag.empty() || Range.isInvalid())
    return std::nullopt;
  StringRef Text = Lexer::getSourceText(Range, SM, Ctx->getLangOpts());
  if (bindsLooserThanOr(Open.Flags))
    return FixItHint::CreateReplacement(Range,
                                        ("(" + Text + ") | " + Flag).str());
  return FixItHint::CreateInsertion(Range.getEnd(), (" | " + Flag).str());
}

void MixedDirectBufferedIoCheck::report(const Site &Buffered,
                                        const Site &Direct) {
  diag(siteLoc(Buffered.Open.Call), "%0")
      << bufferedWarning(pathSpelling(*Buffered.Open.Path, *Ctx));
  std::optional<FixItHint> Fix = addDirectFlag(Buffered.Open);
  auto Note = diag(directLoc(Direct),
                   directPartnerNote(pathSpelling(*Direct.Open.Path, *Ctx),
                                     directHow(Direct), isFdOpen(Buffered)),
                   DiagnosticIDs::Note);
  if (Fix)
    Note << *Fix;
}

// Driver only: the opens whose file other units may open too. A buffered
// open already reported, or one this check would not report, needs no
// partner from another unit.
void MixedDirectBufferedIoCheck::recordOpens(
    const std::vector<Site> &Sites, const std::vector<bool> &Reported) {
  const SourceManager &SM = Ctx->getSourceManager();
  crosstu::Locations Locs(SM, Sink);
  MixedUnitOpens Opens;
  for (size_t I = 0; I < Sites.size(); ++I) {
    const Site &S = Sites[I];
    bool Buffered = S.Fact.Mode == CacheMode::Buffered;
    if (!S.Fact.Key.isTranslationUnitIndependent() ||
        (Buffered && (Reported[I] || (IgnoreWriteOnlyOpens && !S.Fact.Reads))))
      continue;
    SourceLocation At = Buffered ? siteLoc(S.Open.Call) : directLoc(S);
    MixedOpenSite O;
    O.Fact = S.Fact;
    O.At = Locs.locate(At);
    O.Spelling = pathSpelling(*S.Open.Path, *Ctx);
    O.How = directHow(S);
    O.FdOpen = isFdOpen(S);
    if (Buffered) {
      O.Reportable = Sink->reportable(getID(), SM, At);
      if (std::optional<FixItHint> Fix = addDirectFlag(S.Open)) {
        crosstu::Loc From = Locs.locate(Fix->RemoveRange.getBegin());
        crosstu::Loc To = Locs.locate(Fix->RemoveRange.getEnd());
        O.AddDirect = crosstu::UnitEdit{
            From.File, From.Offset, To.Offset - From.Offset, Fix->CodeToInsert};
      }
    }
    Opens.Sites.push_back(std::move(O));
  }
  if (!Opens.Sites.empty())
    Sink->putSection(getID(), toJSON(Opens));
}

bool MixedDirectBufferedIoCheck::join(llvm::ArrayRef<crosstu::UnitView> Units,
                                      crosstu::Verdicts &Out,
                                      std::string &Error) {
  std::vector<MixedUnitOpens> Opens(Units.size());
  // A site in a header is seen by every unit that includes it; keep the
  // first.
  std::set<std::tuple<std::string, unsigned, CacheMode>> Seen;
  std::vector<std::pair<size_t, const MixedOpenSite *>> Sites;
  std::vector<OpenFact> Facts;
  for (size_t U = 0; U < Units.size(); ++U) {
    if (!Units[U].Section)
      continue;
    llvm::json::Path::Root Root;
    if (!fromJSON(*Units[U].Section, Opens[U], Root)) {
      Error = "unreadable open summaries in " + Units[U].Origin.str() + ": " +
              llvm::toString(Root.getError());
      return false;
    }
    for (const MixedOpenSite &S : Opens[U].Sites) {
      if (S.At.File >= Units[U].Files.size() ||
          (S.AddDirect && S.AddDirect->File >= Units[U].Files.size())) {
        Error = "unreadable open summaries in " + Units[U].Origin.str() +
                ": file out of range";
        return false;
      }
      if (Seen.insert({Units[U].file(S.At.File), S.At.Offset, S.Fact.Mode})
              .second) {
        Sites.push_back({U, &S});
        Facts.push_back(S.Fact);
      }
    }
  }
  // Buffered sites are there only when their own unit found no partner;
  // they already passed its IgnoreWriteOnlyOpens.
  for (const MixedOpen &M : findMixedOpens(Facts, /*IgnoreWriteOnly=*/false)) {
    auto [BU, Buffered] = Sites[M.Buffered];
    auto [DU, Direct] = Sites[M.Direct];
    if (!Buffered->Reportable)
      continue;
    crosstu::Finding F;
    F.Check = "durability-mixed-direct-buffered-io";
    F.Unit = BU;
    F.Warning = {Units[BU].file(Buffered->At.File),
                 Buffered->At.Offset,
                 bufferedWarning(Buffered->Spelling),
                 {}};
    crosstu::Message Note{
        Units[DU].file(Direct->At.File),
        Direct->At.Offset,
        directPartnerNote(Direct->Spelling, Direct->How, Buffered->FdOpen),
        {}};
    if (const std::optional<crosstu::UnitEdit> &Fix = Buffered->AddDirect)
      Note.Fix.push_back(
          {Units[BU].file(Fix->File), Fix->Offset, Fix->Length, Fix->Text});
    F.Notes.push_back(std::move(Note));
    Out.Added.push_back(std::move(F));
  }
  return true;
}

} // namespace durcheck
