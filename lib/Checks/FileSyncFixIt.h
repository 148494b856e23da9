//===- FileSyncFixIt.h - The data sync a fix inserts before a close -*- C++
//-*-//
//
// The fix of durability-rename-without-file-fsync: before the close of the
// written file, an fsync whose failure is handled the way the function
// handles its other failures -- the branch of its nearest failure test
// before the close, with the close added where that branch neither closes
// the file nor jumps to a cleanup.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CHECKS_FILESYNCFIXIT_H
#define DURCHECK_CHECKS_FILESYNCFIXIT_H

#include "durcheck/Analysis/FunctionFacts.h"
#include "durcheck/Analysis/RenamedData.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>

namespace durcheck {

/// The insertion before F's close, or nullopt where the function shows no
/// error convention to follow, the handle cannot be spelled there, or the
/// calls the fix makes are not declared.
std::optional<clang::FixItHint> fileSyncFix(const RenamedUnsynced &F,
                                            const FunctionFacts &Facts,
                                            clang::ASTContext &Ctx);

} // namespace durcheck

#endif // DURCHECK_CHECKS_FILESYNCFIXIT_H
