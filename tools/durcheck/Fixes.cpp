//===- Fixes.cpp - Applying and exporting the fixes of a run --------------===//

#include "Fixes.h"
#include "DurableFile.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/MemoryBuffer.h"
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

} // namespace

FixOutcome applyFixes(const std::vector<ClangTidyError> &Findings,
                      bool FixNotes) {
  FixOutcome Outcome;
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
  for (const auto &[File, Reps] : Merged) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Outcome.Errors.push_back("cannot read '" + File +
                               "': " + Buffer.getError().message());
      continue;
    }
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Reps);
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
