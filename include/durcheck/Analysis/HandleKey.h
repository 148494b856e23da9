//===- HandleKey.h - Which variable holds an fd or a stream -----*- C++ -*-===//
//
// Two syncs, a write and a sync, or an open and a write are of the same
// file when they name the variable or field that holds its fd, FILE * or
// stream the same way. The keys mean something within one function only.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_HANDLEKEY_H
#define DURCHECK_ANALYSIS_HANDLEKEY_H

#include "clang/AST/Expr.h"
#include <string>

namespace durcheck {

/// The key of a variable.
std::string declKey(const clang::ValueDecl *D);

/// The key of what an expression reads: fd, f->fd, s.map. Empty when it
/// has no name (a call's result, arithmetic), which matches nothing.
std::string handleKey(const clang::Expr *E);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_HANDLEKEY_H
