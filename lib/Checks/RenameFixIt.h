//===- RenameFixIt.h - The directory sync a rename fix inserts --*- C++ -*-===//
//
// The rename check's fix-it in two halves. planAnchor reads the AST around a
// rename or a call to find where a fix goes; composeFix turns that place and
// the destination into the edits. The second half reads plain data only, so
// the join composes the same fix for a finding that needs several units.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CHECKS_RENAMEFIXIT_H
#define DURCHECK_CHECKS_RENAMEFIXIT_H

#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/RenameGraph.h"
#include "durcheck/CrossTU/Locations.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck::rename {

/// Where a finding at Call is reported and where its fix goes. Whether it
/// is reportable is the check's to ask, at anchorLocation(Call).
Anchor planAnchor(const clang::CallExpr &Call, const FunctionFacts &Facts,
                  clang::ASTContext &Ctx, crosstu::Locations &Locs);

/// Where a finding at Call is reported.
clang::SourceLocation anchorLocation(const clang::CallExpr &Call);

/// The edits of a fix, and the headers they need.
struct ComposedFix {
  std::vector<crosstu::UnitEdit> Edits;
  std::vector<std::string> Headers;
  /// Safe and compiling: on the warning rather than on a note.
  bool OnWarning = false;
};

/// What the fix syncs: the destination as the reporting function names it,
/// and a renameat's new-directory fd.
struct FixTarget {
  SpelledValue Destination;
  std::optional<SpelledValue> DirFd;
  std::optional<int64_t> DirFdConstant;
};

/// The fix at an anchor, or nullopt where none can be built: no place for
/// it, or a destination that cannot be evaluated again there. Helper is the
/// DirSyncFunction option.
std::optional<ComposedFix> composeFix(const Anchor &At, const FixTarget &Target,
                                      llvm::StringRef Helper, bool CPlusPlus17);

/// Whether a statement, or the last of a block, leaves the scope: return,
/// goto, break, continue, throw, or a call that does not return.
bool leavesScope(const clang::Stmt *S);

/// The headers a fix may need, in the order they are added.
llvm::ArrayRef<llvm::StringRef> fixHeaders();

} // namespace durcheck::rename

#endif // DURCHECK_CHECKS_RENAMEFIXIT_H
