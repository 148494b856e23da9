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

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ERRORBRANCHES_H
