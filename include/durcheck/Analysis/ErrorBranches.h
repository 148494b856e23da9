//===- ErrorBranches.h - Which branch a failed call takes -------*- C++ -*-===//
//
// A branch taken when a call failed is an error path: the caller learns of
// the failure, so the path owes none of the durability steps of success.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_ERRORBRANCHES_H
#define DURCHECK_ANALYSIS_ERRORBRANCHES_H

#include "durcheck/Analysis/FunctionFacts.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace durcheck {

/// Which successor of a two-way branch is taken when a call failed.
enum class FailureEdge { None, True, False };

/// Classifies a branch condition on a call's result: the call itself, an
/// assignment of it, or a local assigned one. `< 0`, `== -1`, a null
/// pointer and a set std::error_code are failures; so are `!= 0` and a bare
/// non-zero int, except for bool results and predicates such as is_cached().
FailureEdge classifyFailureTest(const clang::Expr *Cond,
                                const clang::ASTContext &Ctx,
                                const FunctionFacts &Facts);

/// Classifies a branch on a bool result, which classifyFailureTest leaves
/// alone: false from a function not named as a predicate is a failure when
/// its branch leaves the function at once -- `if (!save(p)) return -1;`,
/// `return ok && rename(a, b) == 0;`. A bool answers questions as often as
/// it reports failure -- a loop's `it.Valid()`, `if (!found) ...` -- so
/// nothing else is read as one. Terminator is the branch's statement, Cond
/// the condition it tests.
FailureEdge classifyLeavingBoolTest(const clang::Stmt *Terminator,
                                    const clang::Expr *Cond,
                                    const FunctionFacts &Facts);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ERRORBRANCHES_H
