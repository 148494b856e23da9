//===- Findings.cpp - Findings a unit renders for the join ----------------===//
//
// A finding is [reportable, warning, [note...]] in JSON.
//
//===----------------------------------------------------------------------===//

#include "durcheck/CrossTU/Findings.h"
#include "durcheck/Compat.h"
#include "durcheck/CrossTU/Encoding.h"
#include "clang/Frontend/DiagnosticRenderer.h"
#include "clang/Tooling/Core/Replacement.h"

using namespace clang;
namespace json = llvm::json;

namespace durcheck::crosstu {
namespace {

// Records one diagnostic as clang-tidy's ClangTidyDiagnosticRenderer does:
// the message at its file location, a note per macro expansion it lies in,
// and each fix-it as the replacement clang-tidy makes of it.
class Recorder : public DiagnosticRenderer {
public:
  Recorder(const LangOptions &LangOpts, compat::DiagnosticOptionsHolder &Opts,
           Locations &Locs, UnitFinding &Out)
      : DiagnosticRenderer(LangOpts, Opts.forRenderer()), Locs(Locs), Out(Out) {
  }

protected:
  void emitDiagnosticMessage(FullSourceLoc Loc, PresumedLoc,
                             DiagnosticsEngine::Level Level, StringRef Message,
                             ArrayRef<CharSourceRange>,
                             DiagOrStoredDiag) override {
    UnitMessage M{Locs.locate(Loc), Message.str(), {}};
    if (Level == DiagnosticsEngine::Note)
      Out.Notes.push_back(std::move(M));
    else
      Out.Warning = std::move(M);
  }

  void emitCodeContext(FullSourceLoc Loc, DiagnosticsEngine::Level Level,
                       SmallVectorImpl<CharSourceRange> &,
                       ArrayRef<FixItHint> Hints) override {
    UnitMessage &M =
        Level == DiagnosticsEngine::Note ? Out.Notes.back() : Out.Warning;
    for (const FixItHint &Hint : Hints) {
      tooling::Replacement R(Loc.getManager(), Hint.RemoveRange,
                             Hint.CodeToInsert);
      M.Fix.push_back({Locs.locate(Hint.RemoveRange.getBegin()).File,
                       R.getOffset(), R.getLength(),
                       R.getReplacementText().str()});
    }
  }

  // Like clang-tidy, no include stacks and no bare locations.
  void emitDiagnosticLoc(FullSourceLoc, PresumedLoc, DiagnosticsEngine::Level,
                         ArrayRef<CharSourceRange>) override {}
  void emitIncludeLocation(FullSourceLoc, PresumedLoc) override {}
  void emitImportLocation(FullSourceLoc, PresumedLoc, StringRef) override {}
  void emitBuildingModuleLocation(FullSourceLoc, PresumedLoc,
                                  StringRef) override {}

private:
  Locations &Locs;
  UnitFinding &Out;
};

} // namespace

void FindingRecorder::add(SourceLocation L, DiagnosticsEngine::Level Level,
                          StringRef Text, ArrayRef<FixItHint> Fix) {
  // A renderer per diagnostic, as clang-tidy makes one per diagnostic.
  compat::DiagnosticOptionsHolder Opts;
  Recorder R(LangOpts, Opts, Locs, Finding);
  R.emitDiagnostic(FullSourceLoc(L, SM), Level, Text, {}, Fix);
}

json::Value toJSON(const UnitFinding &F) {
  return json::Array{
      F.Reportable, toJSON(F.Warning),
      arrayOf(F.Notes, [](const UnitMessage &N) { return toJSON(N); })};
}

bool fromJSON(const json::Value &V, UnitFinding &F, json::Path P) {
  const json::Array *A = V.getAsArray();
  F = UnitFinding();
  if (!A || A->size() != 3 || !(*A)[0].getAsBoolean() ||
      !(*A)[2].getAsArray()) {
    P.report("expected a finding");
    return false;
  }
  F.Reportable = *(*A)[0].getAsBoolean();
  return fromJSON((*A)[1], F.Warning, P.index(1)) &&
         readEach((*A)[2].getAsArray(), F.Notes, P.index(2),
                  [](const json::Value &N, UnitMessage &M, json::Path NP) {
                    return fromJSON(N, M, NP);
                  });
}

bool fitsFiles(const UnitMessage &M, size_t FileCount) {
  return M.At.File < FileCount &&
         llvm::all_of(
             M.Fix, [&](const UnitEdit &E) { return E.File < FileCount; });
}

bool fitsFiles(const UnitFinding &F, size_t FileCount) {
  return fitsFiles(F.Warning, FileCount) &&
         llvm::all_of(F.Notes, [&](const UnitMessage &M) {
           return fitsFiles(M, FileCount);
         });
}

Finding toFinding(const UnitFinding &F, StringRef Check, size_t Unit,
                  const UnitView &View) {
  Finding Out;
  Out.Check = Check.str();
  Out.Unit = Unit;
  Out.Warning = View.message(F.Warning);
  for (const UnitMessage &N : F.Notes)
    Out.Notes.push_back(View.message(N));
  return Out;
}

} // namespace durcheck::crosstu
