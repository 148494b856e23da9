//===- Checks.h - The durability checks, registered once --------*- C++ -*-===//
//
// The one list of durcheck's checks: each entry gives the check's name, how
// to make it, and its cross-TU join. The clang-tidy module and the driver's
// join both read it, so that adding a check is one line here.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CHECKS_H
#define DURCHECK_CHECKS_H

#include "durcheck/CrossTU/Join.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace clang::tidy {
class ClangTidyCheck;
class ClangTidyContext;
} // namespace clang::tidy

namespace durcheck {

struct CheckEntry {
  llvm::StringLiteral Name;
  std::unique_ptr<clang::tidy::ClangTidyCheck> (*Make)(
      llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  /// Makes the check's join; null for a check that needs no other unit.
  std::unique_ptr<crosstu::Joiner> (*MakeJoiner)();
};

/// Every check, sorted by name.
llvm::ArrayRef<CheckEntry> durabilityChecks();

} // namespace durcheck

#endif // DURCHECK_CHECKS_H
