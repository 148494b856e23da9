//===- Baseline.cpp - Findings a project has accepted, by fingerprint -----===//

#include "Baseline.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

using clang::tidy::ClangTidyError;

namespace durcheck {
namespace {

// The first line of a baseline; the number is the format's version.
constexpr llvm::StringLiteral Header =
    "# durcheck baseline 1: file, check, fingerprint and message of each "
    "accepted finding, tab-separated; only the fingerprint counts";

// A field for people to read, kept on its line and in its column.
std::string field(llvm::StringRef Text) {
  std::string Out(Text);
  for (char &C : Out)
    if (C == '\t' || C == '\n' || C == '\r')
      C = ' ';
  return Out;
}

// The file as the fingerprint names it, relative to SourceRoot.
llvm::StringRef relativeTo(llvm::StringRef File, llvm::StringRef SourceRoot) {
  llvm::StringRef Relative = File;
  if (Relative.consume_front(SourceRoot.rtrim('/')) &&
      Relative.consume_front("/"))
    return Relative;
  return File;
}

} // namespace

std::optional<std::set<std::string>> readBaseline(const std::string &Path,
                                                  std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error =
        "cannot read --baseline '" + Path + "': " + Buffer.getError().message();
    return std::nullopt;
  }
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  if (Lines.back().empty())
    Lines.pop_back();
  for (llvm::StringRef &Line : Lines)
    Line = Line.rtrim('\r');
  llvm::Regex Fingerprint("^[0-9a-f]{32}:[1-9][0-9]*$");
  std::set<std::string> Fingerprints;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::SmallVector<llvm::StringRef, 4> Fields;
    Lines[I].split(Fields, '\t');
    if (I == 0 ? Lines[I] == Header
               : Fields.size() == 4 && Fingerprint.match(Fields[2])) {
      if (I)
        Fingerprints.insert(Fields[2].str());
      continue;
    }
    Error = "malformed --baseline '" + Path + "': line " +
            std::to_string(I + 1) + ": expected " +
            (I == 0 ? "'" + Header.str() + "'"
                    : "<file> <check> <fingerprint> <message>, separated by "
                      "tabs");
    return std::nullopt;
  }
  if (Lines.empty()) {
    Error = "malformed --baseline '" + Path + "': it is empty";
    return std::nullopt;
  }
  return Fingerprints;
}

std::string baselineText(const Report &R, llvm::StringRef SourceRoot) {
  std::vector<std::string> Lines;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const ClangTidyError &E = R.Findings[I];
    Lines.push_back(field(relativeTo(E.Message.FilePath, SourceRoot)) + '\t' +
                    E.DiagnosticName + '\t' + R.Fingerprints[I] + '\t' +
                    field(E.Message.Message) + '\n');
  }
  llvm::sort(Lines);
  std::string Text = Header.str() + '\n';
  for (const std::string &Line : Lines)
    Text += Line;
  return Text;
}

void applyBaseline(Report &R, const std::set<std::string> &Baseline,
                   const std::string &File, bool ListUnchanged) {
  BaselineMatch Match;
  Match.File = File;
  Match.ListUnchanged = ListUnchanged;
  std::vector<ClangTidyError> New;
  std::vector<std::string> NewFingerprints;
  std::set<std::string> Matched;
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    bool Held = Baseline.count(R.Fingerprints[I]);
    (Held ? Match.Unchanged : New).push_back(std::move(R.Findings[I]));
    (Held ? Match.UnchangedFingerprints : NewFingerprints)
        .push_back(R.Fingerprints[I]);
    if (Held)
      Matched.insert(R.Fingerprints[I]);
  }
  Match.Stale = Baseline.size() - Matched.size();
  R.Findings = std::move(New);
  R.Fingerprints = std::move(NewFingerprints);
  R.Baseline = std::move(Match);
}

} // namespace durcheck
