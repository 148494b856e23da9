//===- Spelling.h - How messages and fixes name an expression ---*- C++ -*-===//

#ifndef DURCHECK_ANALYSIS_SPELLING_H
#define DURCHECK_ANALYSIS_SPELLING_H

#include "durcheck/Analysis/AccessPath.h"
#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace durcheck {

/// The source text of a range, as written, when it lies in one file (a
/// macro argument's text counts; a macro body's does not).
std::optional<llvm::StringRef> sourceText(clang::SourceRange Range,
                                          const clang::ASTContext &Ctx);

/// How a message and a fix name a path expression: a string literal in
/// double quotes, a variable or member in single quotes when short.
Spelling spellingOf(const clang::Expr &E, const clang::ASTContext &Ctx);

/// A path as the user wrote it, on one line and cut at 60 characters:
/// quoted unless it is a string literal, which has its own quotes; as the
/// compiler sees it when it is written in a macro's body.
std::string pathSpelling(const clang::Expr &Path, const clang::ASTContext &Ctx);

/// The source text of a path as pathSpelling() gives it.
std::string quotePath(llvm::StringRef Text);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_SPELLING_H
