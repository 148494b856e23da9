//===- Findings.h - Findings a unit renders for the join --------*- C++ -*-===//
//
// Some findings only the join knows to report, yet only the unit can word:
// the names and types in their text, and the notes of the macros they lie
// in. The unit renders such a finding as clang-tidy would record it, with
// the same DiagnosticRenderer, and leaves it as plain data; the join adds
// it unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CROSSTU_FINDINGS_H
#define DURCHECK_CROSSTU_FINDINGS_H

#include "durcheck/CrossTU/Join.h"
#include "durcheck/CrossTU/Locations.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace clang {
class LangOptions;
} // namespace clang

namespace durcheck::crosstu {

/// A finding as clang-tidy records it in its unit: its warning, then the
/// notes, each followed by the notes of the macro expansions it lies in.
struct UnitFinding {
  UnitMessage Warning;
  std::vector<UnitMessage> Notes;
  /// Whether a warning at its place reaches the report (NOLINT, the header
  /// filter).
  bool Reportable = true;
};

/// Renders a finding's diagnostics, one at a time, into plain data.
class FindingRecorder {
public:
  FindingRecorder(const clang::LangOptions &LangOpts,
                  const clang::SourceManager &SM, Locations &Locs)
      : LangOpts(LangOpts), SM(SM), Locs(Locs) {}

  /// Adds a warning, which starts the finding, or a note of it, with the
  /// text and fix a check gives clang-tidy.
  void add(clang::SourceLocation L, clang::DiagnosticsEngine::Level Level,
           llvm::StringRef Text, llvm::ArrayRef<clang::FixItHint> Fix);
  /// How many notes the finding has so far, macro expansions included.
  size_t noteCount() const { return Finding.Notes.size(); }
  UnitFinding take() { return std::move(Finding); }

private:
  const clang::LangOptions &LangOpts;
  const clang::SourceManager &SM;
  Locations &Locs;
  UnitFinding Finding;
};

llvm::json::Value toJSON(const UnitFinding &F);
bool fromJSON(const llvm::json::Value &V, UnitFinding &F, llvm::json::Path P);

/// Whether every place of M, or of F, is in a file table of FileCount files.
bool fitsFiles(const UnitMessage &M, size_t FileCount);
bool fitsFiles(const UnitFinding &F, size_t FileCount);

/// F as the join adds it for Check, in the report of unit Unit.
Finding toFinding(const UnitFinding &F, llvm::StringRef Check, size_t Unit,
                  const UnitView &View);

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_FINDINGS_H
