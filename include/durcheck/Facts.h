//===- Facts.h - What checks hand the driver for the join -------*- C++ -*-===//
//
// A check sees one translation unit. When the durcheck driver runs it, the
// check also records small, plain facts: which functions sync a directory or
// are safe in a vfork child, which opens name which path, and which of its
// findings hang on a function it could not see. The driver joins the facts
// of every TU after the run. Under clang-tidy no sink is attached and the
// checks behave as they always do.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_FACTS_H
#define DURCHECK_FACTS_H

#include "durcheck/Analysis/MixedOpens.h"
#include "clang/Tooling/Core/Replacement.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class MangleContext;
class SourceLocation;
class SourceManager;
namespace tidy {
class ClangTidyContext;
} // namespace tidy
} // namespace clang

namespace durcheck {

/// A diagnostic as clang-tidy records it: the check, the file name the
/// source manager gives and the byte offset of the diagnostic's file
/// location. The driver finds a check's finding among the errors by it.
struct FindingKey {
  std::string Check;
  std::string File;
  unsigned Offset = 0;
  bool operator<(const FindingKey &O) const;
  bool operator==(const FindingKey &O) const;
};

FindingKey findingKey(llvm::StringRef Check, const clang::SourceManager &SM,
                      clang::SourceLocation Loc);

/// Names a function the same way in every translation unit: by its mangled
/// name (the plain name in C), qualified by the main file when its linkage
/// is internal.
class CrossTUNames {
public:
  explicit CrossTUNames(clang::ASTContext &Ctx);
  ~CrossTUNames();
  std::string operator()(const clang::FunctionDecl &FD) const;

private:
  std::unique_ptr<clang::MangleContext> Mangler;
  std::string MainFile;
};

/// Whether a directory sync happens in a function, as far as its TU sees.
struct DirSyncFact {
  std::string Function;
  bool SyncsDirectory = false;
  /// Functions it calls whose bodies its TU may not see.
  std::vector<std::string> Callees;
};

/// A rename finding that does not hold if any one of these functions, run
/// after the rename on every path that leaves unsynced, syncs a directory.
struct ConditionalRename {
  FindingKey Finding;
  std::vector<std::string> DischargedBy;
};

/// What calling a function means in a vfork child, from its TU.
struct ChildSafetyFact {
  std::string Function;
  bool SafeInChild = false;
  bool NeverReturns = false;
};

/// A vfork finding at a call to a function its TU could not see; it does
/// not hold if that function is safe in a child.
struct ConditionalChildCall {
  FindingKey Finding;
  std::string Callee;
};

/// One open with a path identity shared by all TUs.
struct OpenSiteFact {
  OpenFact Fact;
  /// Where the open is; for a candidate, also the key of its warning.
  FindingKey Site;
  /// The path as the messages spell it.
  std::string Spelling;
  DirectHow How = DirectHow::Opened;
  /// For a buffered open: whether it is an open()/openat() that takes flags.
  bool FdOpen = true;
  /// For a buffered open: the edit that adds O_DIRECT to it.
  std::optional<clang::tooling::Replacement> AddDirect;
  /// A buffered open with no direct partner in its TU: the check warned
  /// here, and the join keeps the warning only if it finds a partner.
  bool Candidate = false;
};

/// Everything the checks recorded about one translation unit.
struct TranslationUnitFacts {
  std::vector<DirSyncFact> DirSyncs;
  std::vector<ConditionalRename> Renames;
  std::vector<ChildSafetyFact> ChildSafety;
  std::vector<ConditionalChildCall> ChildCalls;
  std::vector<OpenSiteFact> Opens;
};

/// Where the checks of one clang-tidy run record their facts.
class FactSink {
public:
  /// The sink attached to a check's context, or null under clang-tidy.
  static TranslationUnitFacts *of(const clang::tidy::ClangTidyContext *Ctx);

  /// Attaches Facts to Ctx for the lifetime of this object.
  FactSink(const clang::tidy::ClangTidyContext &Ctx,
           TranslationUnitFacts &Facts);
  ~FactSink();
  FactSink(const FactSink &) = delete;
  FactSink &operator=(const FactSink &) = delete;

private:
  const clang::tidy::ClangTidyContext &Ctx;
};

} // namespace durcheck

#endif // DURCHECK_FACTS_H
