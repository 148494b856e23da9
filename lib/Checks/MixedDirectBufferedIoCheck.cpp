//===- MixedDirectBufferedIoCheck.cpp - O_DIRECT mixed with buffered I/O --===//

#include "Checks/MixedDirectBufferedIoCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "durcheck/Analysis/MixedOpensBuilder.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include <numeric>
#include <set>

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

void MixedDirectBufferedIoCheck::onEndOfTranslationUnit() {
  // Under clang-tidy a unit without opens has nothing to report; under the
  // driver its calls may still reach the opens of another unit.
  if (Ctx && (!Candidates.empty() || Sink))
    judgeOpens();
  Candidates.clear();
  Seen.clear();
  Functions.clear();
  Ctx = nullptr;
}

void MixedDirectBufferedIoCheck::judgeOpens() {
  const SourceManager &SM = Ctx->getSourceManager();
  llvm::sort(Candidates, [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  crosstu::Locations Locs(SM, Sink);
  model::OpenFlags Flags(PP);
  mixed::UnitBuilder Builder(
      *Ctx, Flags, OpenLikeFunctions, Functions, Locs,
      [&](const Expr &F) { return addDirectFlag(F); },
      [&](SourceLocation L) {
        return !Sink || Sink->reportable(getID(), SM, L);
      });
  mixed::UnitOpens Unit = Builder.build(Candidates);
  Unit.IgnoreWriteOnly = IgnoreWriteOnlyOpens;
  mixed::Program P;
  P.addUnit(Unit);
  P.link();
  for (const mixed::MixedFinding &F : mixed::findMixedFindings(P))
    report(mixed::reportMixed(P, F), Locs);
  if (!Sink)
    return;
  llvm::json::Value Section = toJSON(Unit);
  // A unit with no open or call that another unit can name leaves nothing.
  if (!Section.getAsObject()->getArray("functions")->empty())
    Sink->putSection(getID(), std::move(Section));
}

std::optional<FixItHint>
MixedDirectBufferedIoCheck::addDirectFlag(const Expr &Flags) {
  if (!PP)
    return std::nullopt;
  // Spell the flag the way this TU can compile it.
  StringRef Flag = PP->isMacroDefined("O_DIRECT")     ? "O_DIRECT"
                   : PP->isMacroDefined("__O_DIRECT") ? "__O_DIRECT"
                                                      : "";
  const SourceManager &SM = Ctx->getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Flags.getSourceRange()), SM,
      Ctx->getLangOpts());
  if (Flag.empty() || Range.isInvalid())
    return std::nullopt;
  StringRef Text = Lexer::getSourceText(Range, SM, Ctx->getLangOpts());
  if (bindsLooserThanOr(&Flags))
    return FixItHint::CreateReplacement(Range,
                                        ("(" + Text + ") | " + Flag).str());
  return FixItHint::CreateInsertion(Range.getEnd(), (" | " + Flag).str());
}

void MixedDirectBufferedIoCheck::report(const mixed::ReportedMixed &R,
                                        crosstu::Locations &Locs) {
  diag(Locs.toSource(R.Warning.At), "%0") << R.Warning.Text;
  for (const mixed::ReportedMessage &Note : R.Notes) {
    auto D = diag(Locs.toSource(Note.At), "%0", DiagnosticIDs::Note);
    D << Note.Text;
    if (Note.Fix)
      D << Locs.hints(*Note.Fix);
  }
}

//===-- The join ----------------------------------------------------------===//

namespace {

constexpr llvm::StringLiteral JoinedCheck =
    "durability-mixed-direct-buffered-io";

// Whether every place a unit's opens name is in its file table: a damaged
// file must not crash the join.
bool inFileTable(const mixed::UnitOpens &U, size_t Files) {
  auto In = [&](unsigned File) { return File < Files; };
  auto EditIn = [&](const std::optional<crosstu::UnitEdit> &E) {
    return !E || In(E->File);
  };
  for (const mixed::OpenFunction &F : U.Functions) {
    if (!F.Name.empty() && !In(F.Where.File))
      return false;
    for (const mixed::OpenSite &S : F.Opens)
      if (!In(S.At.File) || !EditIn(S.AddDirect) ||
          (S.SetDirect && !In(S.SetDirect->File)))
        return false;
    for (const mixed::CallSite &C : F.Calls) {
      if (!In(C.At.File))
        return false;
      for (const mixed::CallArgument &A : C.Args)
        if (!EditIn(A.AddDirect))
          return false;
    }
  }
  return true;
}

crosstu::Message toMessage(const mixed::ReportedMessage &M,
                           llvm::ArrayRef<crosstu::UnitView> Units) {
  crosstu::Message Out{Units[M.Unit].file(M.At.File), M.At.Offset, M.Text, {}};
  if (const std::optional<crosstu::UnitEdit> &E = M.Fix)
    Out.Fix.push_back(
        {Units[M.FixUnit].file(E->File), E->Offset, E->Length, E->Text});
  return Out;
}

} // namespace

namespace {

// The join over the units' open summaries, which it keeps between joins:
// each join reads the units that changed, and pairs the opens of the whole
// program again.
class OpensJoiner : public crosstu::Joiner {
public:
  bool join(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, crosstu::Verdicts &Out,
            std::string &Error) override;

private:
  bool read(llvm::ArrayRef<crosstu::UnitView> Units,
            const std::vector<bool> &Changed, std::string &Error);

  /// By unit; null for a unit that left no summaries.
  std::vector<std::unique_ptr<mixed::UnitOpens>> Opens;
  mixed::Program Whole;
};

bool OpensJoiner::read(llvm::ArrayRef<crosstu::UnitView> Units,
                       const std::vector<bool> &Changed, std::string &Error) {
  auto SectionOf = [](const crosstu::UnitView &U) { return U.Section; };
  auto Read = [](const crosstu::UnitView &U, const llvm::json::Value &Section,
                 mixed::UnitOpens &Into, std::string &Why) {
    llvm::json::Path::Root Root;
    if (!fromJSON(Section, Into, Root))
      Why = llvm::toString(Root.getError());
    else if (!inFileTable(Into, U.Files.size()))
      Why = "file out of range";
    return Why.empty();
  };
  std::vector<std::pair<unsigned, std::unique_ptr<mixed::UnitOpens>>> Again;
  if (!crosstu::readSections(Units, Changed, SectionOf, Read,
                             "unreadable open summaries", Again, Error))
    return false;
  Opens.resize(Units.size());
  for (auto &[U, New] : Again) {
    // The program lets go of the old opens before they are freed.
    Whole.setUnit(U, New.get(), Units[U].Files);
    Opens[U] = std::move(New);
  }
  return true;
}

bool OpensJoiner::join(llvm::ArrayRef<crosstu::UnitView> Units,
                       const std::vector<bool> &Changed, crosstu::Verdicts &Out,
                       std::string &Error) {
  if (!read(Units, Changed, Error))
    return false;
  Whole.link();
  // The program numbers units as the join does.
  std::vector<unsigned> UnitNumbers(Units.size());
  std::iota(UnitNumbers.begin(), UnitNumbers.end(), 0u);
  auto KeyOf = [&](const mixed::ReportedMixed &R) {
    return crosstu::FindingKey{JoinedCheck.str(),
                               Units[R.Warning.Unit].file(R.Warning.At.File),
                               R.Warning.At.Offset};
  };
  // What each unit reported alone stands as it is.
  std::set<crosstu::FindingKey> Reported;
  for (const crosstu::UnitView &U : Units)
    for (const crosstu::Finding &F : U.Found)
      if (F.Check == JoinedCheck)
        Reported.insert({F.Check, F.Warning.File, F.Warning.Offset});
  for (const mixed::MixedFinding &F : mixed::findMixedFindings(Whole)) {
    mixed::ReportedMixed R = mixed::reportMixed(Whole, F);
    if (!R.Reportable || !Reported.insert(KeyOf(R)).second)
      continue;
    Out.Added.push_back(crosstu::addedFinding(
        JoinedCheck, R, UnitNumbers,
        [&](const mixed::ReportedMessage &M) { return toMessage(M, Units); }));
  }
  return true;
}

} // namespace

std::unique_ptr<crosstu::Joiner> MixedDirectBufferedIoCheck::makeJoiner() {
  return std::make_unique<OpensJoiner>();
}

} // namespace durcheck
