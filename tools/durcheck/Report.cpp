//===- Report.cpp - The findings of a run and their output formats --------===//

#include "Report.h"
#include "CheckDocs.h"
#include "CompileDatabase.h"
#include "FixDiff.h"
#include "SourceText.h"
#include "TidyRunner.h"
#include "durcheck/Compat.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

using namespace clang;
using namespace clang::tidy;
using clang::tooling::DiagnosticMessage;
using clang::tooling::Replacement;
namespace json = llvm::json;

namespace durcheck {

std::map<std::string, unsigned> Report::findingsPerCheck() const {
  std::map<std::string, unsigned> Counts;
  for (const ClangTidyError &E : Findings)
    ++Counts[E.DiagnosticName];
  return Counts;
}

unsigned Report::skipped(SkipKind Kind) const {
  return llvm::count_if(Skipped,
                        [&](const SkippedEntry &S) { return S.Kind == Kind; });
}

bool isError(const ClangTidyError &E) {
  return E.IsWarningAsError || E.DiagLevel == ClangTidyError::Error;
}

//===-- Text --------------------------------------------------------------===//

namespace {

// Re-emits recorded diagnostics through clang's own printer, as clang-tidy
// does, so the text is the same to the byte -- but for fixes that clang's
// printer shows wrong: it labels the snippet with the line numbers of an
// edit far above, such as an added #include, and does not show an
// inserted block of lines at all. Those are shown apart, line by line.
class TextEmitter {
public:
  TextEmitter(llvm::raw_ostream &OS, bool Color)
      : OS(OS), Color(Color), Printer((DiagOpts.get().ShowColors = Color,
                                       DiagOpts.newTextPrinter(OS))),
        Engine(DiagOpts.newEngine(Printer.get(), /*OwnsConsumer=*/false)),
        Files(FileSystemOptions()), Sources(*Engine, Files) {
    Engine->setSourceManager(&Sources);
    Printer->BeginSourceFile(LangOptions(), nullptr);
  }
  ~TextEmitter() { Printer->EndSourceFile(); }

  void emit(const DiagnosticMessage &M, DiagnosticsEngine::Level Level,
            llvm::StringRef Text) {
    SourceLocation Loc = locate(M.FilePath, M.FileOffset);
    if (Loc.isValid() && !onItsLine(M)) {
      Engine->Report(Loc, Engine->getCustomDiagID(Level, "%0")) << Text;
      printFix(M);
      return;
    }
    auto Builder = Engine->Report(Loc, Engine->getCustomDiagID(Level, "%0"))
                   << Text;
    if (Loc.isInvalid())
      return;
    for (const auto &[File, Reps] : M.Fix)
      for (const Replacement &R : Reps) {
        SourceLocation Begin = locate(R.getFilePath(), R.getOffset());
        if (Begin.isValid())
          Builder << FixItHint::CreateReplacement(
              CharSourceRange::getCharRange(
                  Begin, Begin.getLocWithOffset(R.getLength())),
              R.getReplacementText());
      }
  }

private:
  // Whether every edit of M's fix is within the line of M's location and
  // puts in no line break: what clang's printer shows right.
  bool onItsLine(const DiagnosticMessage &M) {
    unsigned Line = Texts.position(M.FilePath, M.FileOffset).Line;
    for (const auto &[File, Reps] : M.Fix)
      for (const Replacement &R : Reps) {
        unsigned End = R.getOffset() + R.getLength();
        if (R.getFilePath() != M.FilePath ||
            R.getReplacementText().contains('\n') ||
            Texts.position(File, R.getOffset()).Line != Line ||
            Texts.position(File, End).Line != Line)
          return false;
      }
    return true;
  }

  // The fix below the snippet, file by file: "= fix-it:" for M's own file.
  void printFix(const DiagnosticMessage &M) {
    std::map<std::string, const tooling::Replacements *> PerFile;
    for (const auto &Entry : M.Fix)
      PerFile[Entry.first().str()] = &Entry.second;
    for (const auto &[File, Reps] : PerFile) {
      OS.indent(6) << "= fix-it" << (File == M.FilePath ? "" : " in " + File)
                   << ":\n";
      printLineChanges(OS, Texts.contents(File), *Reps, Color);
    }
  }

  SourceLocation locate(llvm::StringRef Path, unsigned Offset) {
    if (Path.empty())
      return {};
    llvm::Expected<FileEntryRef> File = Files.getFileRef(Path);
    if (!File) {
      llvm::consumeError(File.takeError());
      return {};
    }
    FileID ID = Sources.getOrCreateFileID(*File, SrcMgr::C_User);
    return Sources.getLocForStartOfFile(ID).getLocWithOffset(Offset);
  }

  llvm::raw_ostream &OS;
  const bool Color;
  SourceTexts Texts;
  compat::DiagnosticOptionsHolder DiagOpts;
  std::unique_ptr<TextDiagnosticPrinter> Printer;
  std::unique_ptr<DiagnosticsEngine> Engine;
  FileManager Files;
  SourceManager Sources;
};

} // namespace

std::string renderText(const Report &R, bool Color) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS.enable_colors(Color);
  {
    TextEmitter Emitter(OS, Color);
    for (const ClangTidyError &E : R.Findings) {
      std::string Text = E.Message.Message + " [" + E.DiagnosticName +
                         (E.IsWarningAsError ? ",-warnings-as-errors" : "") +
                         "]";
      // As clang-tidy prints them: notes left over from a suppressed warning
      // keep their own level.
      auto Level = E.IsWarningAsError
                       ? DiagnosticsEngine::Error
                       : static_cast<DiagnosticsEngine::Level>(E.DiagLevel);
      Emitter.emit(E.Message, Level, Text);
      for (const DiagnosticMessage &Note : E.Notes)
        Emitter.emit(Note, DiagnosticsEngine::Note, Note.Message);
    }
  }
  OS.flush();
  return Out;
}

//===-- JSON --------------------------------------------------------------===//

namespace {

json::Array
replacementsJson(const llvm::StringMap<tooling::Replacements> &Fix) {
  std::vector<const Replacement *> All;
  for (const auto &Entry : Fix)
    for (const Replacement &Rep : Entry.second)
      All.push_back(&Rep);
  llvm::sort(
      All, [](const Replacement *A, const Replacement *B) { return *A < *B; });
  json::Array Array;
  for (const Replacement *Rep : All)
    Array.push_back(
        json::Object{{"file", json::fixUTF8(Rep->getFilePath())},
                     {"offset", Rep->getOffset()},
                     {"length", Rep->getLength()},
                     {"text", json::fixUTF8(Rep->getReplacementText())}});
  return Array;
}

json::Object messageJson(const DiagnosticMessage &M, SourceTexts &Texts) {
  Position P = Texts.position(M.FilePath, M.FileOffset);
  return json::Object{{"file", json::fixUTF8(M.FilePath)},
                      {"line", P.Line},
                      {"column", P.Column},
                      {"message", json::fixUTF8(M.Message)},
                      {"fixes", replacementsJson(M.Fix)}};
}

} // namespace

std::string renderJson(const Report &R) {
  SourceTexts Texts;
  json::Array Findings;
  for (const ClangTidyError &E : R.Findings) {
    json::Object F = messageJson(E.Message, Texts);
    F["check"] = E.DiagnosticName;
    F["level"] = isError(E) ? "error" : "warning";
    json::Array Notes;
    for (const DiagnosticMessage &Note : E.Notes)
      Notes.push_back(messageJson(Note, Texts));
    F["notes"] = std::move(Notes);
    Findings.push_back(std::move(F));
  }
  json::Array Failures;
  for (const UnitFailure &F : R.Failures)
    Failures.push_back(json::Object{{"file", json::fixUTF8(F.File)},
                                    {"reason", json::fixUTF8(F.Reason)}});
  json::Array Skipped;
  json::Object SkippedPerKind;
  for (const SkippedEntry &S : R.Skipped)
    Skipped.push_back(json::Object{{"file", json::fixUTF8(S.File)},
                                   {"reason", describe(S.Kind)}});
  for (SkipKind Kind : AllSkipKinds)
    SkippedPerKind[jsonKey(Kind)] = R.skipped(Kind);
  json::Object PerCheck;
  for (const auto &[Check, Count] : R.findingsPerCheck())
    PerCheck[Check] = Count;
  json::Value Baseline = nullptr;
  if (R.Baseline)
    Baseline = json::Object{{"file", json::fixUTF8(R.Baseline->File)},
                            {"unchanged", R.Baseline->Unchanged.size()},
                            {"stale", R.Baseline->Stale}};
  json::Value Diff = nullptr;
  if (R.Diff)
    Diff = json::Object{{"source", json::fixUTF8(R.Diff->Source)},
                        {"changed_files", R.Diff->ChangedFiles},
                        {"units_unchanged", R.Diff->UnitsUnchanged},
                        {"units_joined", R.Diff->UnitsJoined},
                        {"unchanged", R.Diff->Unchanged}};
  json::Value Cache = nullptr;
  if (R.CacheHits)
    Cache = json::Object{{"hits", *R.CacheHits}};
  json::Object Root{
      {"version", 1},
      {"tool",
       json::Object{{"name", "durcheck"}, {"version", DURCHECK_VERSION}}},
      {"findings", std::move(Findings)},
      {"failures", std::move(Failures)},
      {"skipped", std::move(Skipped)},
      {"summary", json::Object{{"translation_units", R.Units},
                               {"analysed", R.Analysed},
                               {"failed", R.Failures.size()},
                               {"without_checks", R.WithoutChecks},
                               {"duplicates", R.Duplicates},
                               {"skipped", std::move(SkippedPerKind)},
                               {"baseline", std::move(Baseline)},
                               {"diff", std::move(Diff)},
                               {"cache", std::move(Cache)},
                               {"findings", R.Findings.size()},
                               {"findings_per_check", std::move(PerCheck)}}}};
  return llvm::formatv("{0:2}", json::Value(std::move(Root))).str() + "\n";
}

//===-- SARIF -------------------------------------------------------------===//

namespace {

// RFC 3986: keep the unreserved characters and '/', escape every other byte.
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += {'%', llvm::hexdigit(C >> 4), llvm::hexdigit(C & 15)};
  }
  return Out;
}

// File's URI relative to Root, which has no trailing '/', or else its
// absolute file: URI. A relative File, as relocatable result files hold,
// is relative to the current directory, which Root may name another way:
// Bazel's /proc/self/cwd, for a report without the path of its sandbox.
std::string artifactUri(llvm::StringRef File, llvm::StringRef Root) {
  if (llvm::sys::path::is_relative(File) &&
      llvm::sys::fs::equivalent(Root, "."))
    return percentEncode(File);
  std::string Path = absolutePath(File);
  if (llvm::StringRef(Path).starts_with((Root + "/").str()))
    return percentEncode(llvm::StringRef(Path).drop_front(Root.size() + 1));
  return "file://" + percentEncode(Path);
}

class SarifWriter {
public:
  SarifWriter(const Report &R, llvm::StringRef SourceRoot)
      : R(R), Root(SourceRoot.rtrim('/').str()) {}

  json::Value run() {
    json::Object Run{
        {"tool", json::Object{{"driver", driver()}}},
        {"originalUriBaseIds",
         json::Object{
             {"%SRCROOT%",
              json::Object{{"uri", "file://" + percentEncode(Root) + "/"}}}}},
        {"columnKind", "unicodeCodePoints"},
        {"invocations", json::Array{invocation()}},
        {"results", results()}};
    return json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", json::Array{std::move(Run)}}};
  }

private:
  json::Object driver() {
    json::Array Rules;
    for (const std::string &Name : allCheckNames()) {
      RuleIndex[Name] = Rules.size();
      CheckDoc Doc = checkDoc(Name);
      Rules.push_back(json::Object{
          {"id", Name},
          {"shortDescription", json::Object{{"text", Doc.Summary}}},
          {"fullDescription", json::Object{{"text", Doc.Description}}},
          {"help", json::Object{{"text", Doc.Help}}},
          {"defaultConfiguration", json::Object{{"level", "warning"}}}});
    }
    return json::Object{{"name", "durcheck"},
                        {"version", DURCHECK_VERSION},
                        {"semanticVersion", DURCHECK_VERSION},
                        {"rules", std::move(Rules)}};
  }

  json::Object notification(llvm::StringRef Level, llvm::StringRef Text,
                            llvm::StringRef File) {
    return json::Object{
        {"level", Level},
        {"message", json::Object{{"text", json::fixUTF8(Text)}}},
        {"locations",
         json::Array{json::Object{
             {"physicalLocation",
              json::Object{{"artifactLocation", artifact(File)}}}}}}};
  }

  json::Object invocation() {
    json::Array Notifications;
    for (const UnitFailure &F : R.Failures)
      Notifications.push_back(
          notification("error", "not analysed: " + F.Reason, F.File));
    for (const SkippedEntry &S : R.Skipped)
      Notifications.push_back(
          notification("note", "skipped: " + describe(S.Kind).str(), S.File));
    if (R.Baseline && R.Baseline->Stale)
      Notifications.push_back(notification(
          "note",
          llvm::formatv(
              "{0} baseline entr{1} no longer found; --write-baseline "
              "rewrites the baseline without them",
              R.Baseline->Stale, R.Baseline->Stale == 1 ? "y" : "ies")
              .str(),
          R.Baseline->File));
    if (R.Diff)
      Notifications.push_back(json::Object{
          {"level", "note"},
          {"message",
           json::Object{
               {"text",
                json::fixUTF8(
                    llvm::formatv("diff mode ({0}): {1} translation unit{2} "
                                  "with no changed file not analysed; {3} "
                                  "finding{4} on unchanged lines left out",
                                  R.Diff->Source, R.Diff->UnitsUnchanged,
                                  R.Diff->UnitsUnchanged == 1 ? "" : "s",
                                  R.Diff->Unchanged,
                                  R.Diff->Unchanged == 1 ? "" : "s")
                        .str())}}}});
    return json::Object{
        {"executionSuccessful", R.Failures.empty()},
        {"toolExecutionNotifications", std::move(Notifications)}};
  }

  json::Object artifact(llvm::StringRef File) {
    std::string Uri = artifactUri(File, Root);
    if (llvm::StringRef(Uri).starts_with("file://"))
      return json::Object{{"uri", std::move(Uri)}};
    return json::Object{{"uri", std::move(Uri)}, {"uriBaseId", "%SRCROOT%"}};
  }

  json::Object region(llvm::StringRef File, unsigned Begin, unsigned End) {
    Position B = Texts.position(File, Begin);
    Position E = Texts.position(File, End);
    return json::Object{{"startLine", B.Line ? B.Line : 1},
                        {"startColumn", B.Line ? B.CodePointColumn : 1},
                        {"endLine", E.Line ? E.Line : 1},
                        {"endColumn", E.Line ? E.CodePointColumn : 1}};
  }

  json::Object location(const DiagnosticMessage &M) {
    json::Object Physical{{"artifactLocation", artifact(M.FilePath)}};
    if (Texts.position(M.FilePath, M.FileOffset).Line)
      Physical["region"] = region(M.FilePath, M.FileOffset, M.FileOffset);
    return json::Object{{"physicalLocation", std::move(Physical)}};
  }

  json::Object fix(llvm::StringRef Description,
                   const llvm::StringMap<tooling::Replacements> &Fix) {
    std::map<std::string, json::Array> PerFile;
    for (const auto &Entry : Fix)
      for (const Replacement &Rep : Entry.second)
        PerFile[Rep.getFilePath().str()].push_back(json::Object{
            {"deletedRegion", region(Rep.getFilePath(), Rep.getOffset(),
                                     Rep.getOffset() + Rep.getLength())},
            {"insertedContent",
             json::Object{{"text", json::fixUTF8(Rep.getReplacementText())}}}});
    json::Array Changes;
    for (auto &[File, Replacements] : PerFile)
      Changes.push_back(
          json::Object{{"artifactLocation", artifact(File)},
                       {"replacements", std::move(Replacements)}});
    return json::Object{
        {"description", json::Object{{"text", json::fixUTF8(Description)}}},
        {"artifactChanges", std::move(Changes)}};
  }

  json::Array results() {
    json::Array Results;
    // With a baseline, what is reported is new, and what it holds is left
    // out or listed as unchanged.
    const char *State = R.Baseline ? "new" : nullptr;
    for (size_t I = 0; I < R.Findings.size(); ++I)
      Results.push_back(result(R.Findings[I], R.Fingerprints[I], State));
    if (R.Baseline && R.Baseline->ListUnchanged)
      for (size_t I = 0; I < R.Baseline->Unchanged.size(); ++I)
        Results.push_back(result(R.Baseline->Unchanged[I],
                                 R.Baseline->UnchangedFingerprints[I],
                                 "unchanged"));
    return Results;
  }

  json::Object result(const ClangTidyError &E, llvm::StringRef Fingerprint,
                      const char *BaselineState) {
    json::Object Primary = location(E.Message);
    json::Array Related, Fixes;
    for (size_t I = 0; I < E.Notes.size(); ++I) {
      json::Object Note = location(E.Notes[I]);
      Note["id"] = int64_t(I);
      Note["message"] =
          json::Object{{"text", json::fixUTF8(E.Notes[I].Message)}};
      Related.push_back(std::move(Note));
    }
    if (!E.Message.Fix.empty())
      Fixes.push_back(fix(E.Message.Message, E.Message.Fix));
    for (const DiagnosticMessage &Note : E.Notes)
      if (!Note.Fix.empty())
        Fixes.push_back(fix(Note.Message, Note.Fix));
    json::Object Result{
        {"ruleId", E.DiagnosticName},
        {"level", isError(E) ? "error" : "warning"},
        {"message", json::Object{{"text", json::fixUTF8(E.Message.Message)}}},
        {"locations", json::Array{std::move(Primary)}},
        {"partialFingerprints", json::Object{{"durcheck/v1", Fingerprint}}}};
    if (auto It = RuleIndex.find(E.DiagnosticName); It != RuleIndex.end())
      Result["ruleIndex"] = int64_t(It->second);
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    if (BaselineState)
      Result["baselineState"] = BaselineState;
    return Result;
  }

  const Report &R;
  std::string Root;
  SourceTexts Texts;
  std::map<std::string, size_t> RuleIndex;
};

} // namespace

std::vector<std::string>
fingerprints(const std::vector<ClangTidyError> &Findings,
             llvm::StringRef SourceRoot) {
  SourceTexts Texts;
  std::map<std::string, unsigned> Occurrences;
  std::vector<std::string> Result;
  for (const ClangTidyError &E : Findings) {
    Position P = Texts.position(E.Message.FilePath, E.Message.FileOffset);
    std::string Line = Texts.line(E.Message.FilePath, P.Line).trim().str();
    std::string Key = E.DiagnosticName + '\0' +
                      artifactUri(E.Message.FilePath, SourceRoot.rtrim('/')) +
                      '\0' + E.Message.Message + '\0' + Line;
    std::string Hash =
        llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key)),
                    /*LowerCase=*/true)
            .substr(0, 32);
    Result.push_back(Hash + ":" + std::to_string(++Occurrences[Hash]));
  }
  return Result;
}

std::string renderSarif(const Report &R, llvm::StringRef SourceRoot) {
  SarifWriter Writer(R, SourceRoot);
  return llvm::formatv("{0:2}", Writer.run()).str() + "\n";
}

std::string renderSummary(const Report &R) {
  std::string Checks;
  for (const auto &[Check, Count] : R.findingsPerCheck())
    Checks +=
        (Checks.empty() ? " (" : ", ") + Check + ": " + std::to_string(Count);
  if (!Checks.empty())
    Checks += ")";
  std::string Line = llvm::formatv(
      "durcheck: {0} finding{1}{2} in {3} of {4} translation unit{5}",
      R.Findings.size(), R.Findings.size() == 1 ? "" : "s", Checks, R.Analysed,
      R.Units, R.Units == 1 ? "" : "s");
  if (!R.Failures.empty())
    Line += llvm::formatv("; {0} not analysed", R.Failures.size()).str();
  if (R.WithoutChecks)
    Line +=
        llvm::formatv("; {0} with no durability check enabled", R.WithoutChecks)
            .str();
  if (R.Duplicates)
    Line += llvm::formatv("; {0} duplicate entr{1} skipped", R.Duplicates,
                          R.Duplicates == 1 ? "y" : "ies")
                .str();
  for (SkipKind Kind : AllSkipKinds)
    if (unsigned Count = R.skipped(Kind))
      Line += llvm::formatv("; {0} skipped: {1}", Count, describe(Kind)).str();
  if (R.Diff)
    Line += llvm::formatv("; {0} with no changed file{1}; {2} on unchanged "
                          "lines",
                          R.Diff->UnitsUnchanged,
                          R.Diff->UnitsJoined
                              ? llvm::formatv(", {0} of them joined from "
                                              "the cache",
                                              R.Diff->UnitsJoined)
                                    .str()
                              : "",
                          R.Diff->Unchanged)
                .str();
  if (R.Baseline)
    Line += llvm::formatv("; {0} in the baseline", R.Baseline->Unchanged.size())
                .str();
  if (R.CacheHits)
    Line += llvm::formatv("; {0} from the cache", *R.CacheHits).str();
  if (R.Baseline && R.Baseline->Stale)
    Line +=
        llvm::formatv("; {0} baseline entr{1} no longer found",
                      R.Baseline->Stale, R.Baseline->Stale == 1 ? "y" : "ies")
            .str();
  return Line + llvm::formatv("; {0:f2} s\n", R.Seconds).str();
}

} // namespace durcheck
