//===- Fixes.cpp - Applying and exporting the fixes of a run --------------===//

#include "Fixes.h"
#include "DurableFile.h"
#include "FixDiff.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>

using namespace clang;
using namespace clang::tidy;
using clang::tooling::Replacement;
using clang::tooling::Replacements;

namespace durcheck {
namespace {

// Adds Fix to Merged unless it overlaps an edit already there; an edit
// that is already there, from another unit that included the same header,
// is not made twice.
bool merge(std::map<std::string, Replacements> &Merged,
           const llvm::StringMap<Replacements> &Fix) {
  std::map<std::string, Replacements> Trial = Merged;
  for (const auto &Entry : Fix)
    for (const Replacement &R : Entry.second) {
      Replacements &Into = Trial[R.getFilePath().str()];
      if (llvm::is_contained(Into, R))
        continue;
      if (llvm::Error E = Into.add(R)) {
        llvm::consumeError(std::move(E));
        return false;
      }
    }
  Merged = std::move(Trial);
  return true;
}

// The fixes of every finding, merged per file; Outcome counts those that
// merge and names those that conflict.
std::map<std::string, Replacements>
mergeAll(const std::vector<ClangTidyError> &Findings, bool FixNotes,
         FixOutcome &Outcome) {
  std::map<std::string, Replacements> Merged;
  for (const ClangTidyError &E : Findings) {
    const llvm::StringMap<Replacements> *Fix = getFixIt(E, FixNotes);
    if (!Fix || Fix->empty())
      continue;
    if (merge(Merged, *Fix))
      ++Outcome.Applied;
    else
      Outcome.Conflicts.push_back(E.Message.FilePath + ": " +
                                  E.Message.Message);
  }
  return Merged;
}

std::unique_ptr<llvm::MemoryBuffer> read(const std::string &File,
                                         FixOutcome &Outcome) {
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Outcome.Errors.push_back("cannot read '" + File +
                             "': " + Buffer.getError().message());
    return nullptr;
  }
  return std::move(*Buffer);
}

// The names of File in a diff header, as git gives them.
std::pair<std::string, std::string> diffNames(llvm::StringRef File) {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  llvm::StringRef Relative = File;
  if (!Relative.consume_front(Cwd) || !Relative.consume_front("/"))
    return {File.str(), File.str()};
  return {("a/" + Relative).str(), ("b/" + Relative).str()};
}

// A diff's lines in git's colours: headers bold, hunks cyan, lines taken
// out red and put in green.
void printDiff(llvm::raw_ostream &OS, llvm::StringRef Diff, bool Color) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Diff.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    if (Color && (Line.starts_with("--- ") || Line.starts_with("+++ ")))
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
    else if (Color && Line.starts_with("@@"))
      OS.changeColor(llvm::raw_ostream::CYAN);
    else if (Color && Line.starts_with("-"))
      OS.changeColor(llvm::raw_ostream::RED);
    else if (Color && Line.starts_with("+"))
      OS.changeColor(llvm::raw_ostream::GREEN);
    OS << Line;
    if (Color)
      OS.resetColor();
    OS << "\n";
  }
}

} // namespace

FixOutcome showFixes(const std::vector<ClangTidyError> &Findings, bool FixNotes,
                     llvm::raw_ostream &OS, bool Color) {
  FixOutcome Outcome;
  for (const auto &[File, Reps] : mergeAll(Findings, FixNotes, Outcome)) {
    std::unique_ptr<llvm::MemoryBuffer> Buffer = read(File, Outcome);
    if (!Buffer)
      continue;
    auto [Old, New] = diffNames(File);
    std::string Diff = unifiedDiff(Old, New, Buffer->getBuffer(), Reps);
    printDiff(OS, Diff, Color);
    Outcome.Files += !Diff.empty();
  }
  return Outcome;
}

FixOutcome applyFixes(const std::vector<ClangTidyError> &Findings,
                      bool FixNotes) {
  FixOutcome Outcome;
  for (const auto &[File, Reps] : mergeAll(Findings, FixNotes, Outcome)) {
    std::unique_ptr<llvm::MemoryBuffer> Buffer = read(File, Outcome);
    if (!Buffer)
      continue;
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements(Buffer->getBuffer(), Reps);
    if (!Fixed) {
      Outcome.Errors.push_back("cannot fix '" + File +
                               "': " + llvm::toString(Fixed.takeError()));
      continue;
    }
    if (std::string Why = writeFileDurably(File, *Fixed); !Why.empty())
      Outcome.Errors.push_back(Why);
    else
      ++Outcome.Files;
  }
  return Outcome;
}

std::string exportFixes(const std::vector<ClangTidyError> &Findings) {
  std::string YAML;
  llvm::raw_string_ostream OS(YAML);
  exportReplacements("", Findings, OS);
  OS.flush();
  return YAML;
}

} // namespace durcheck
