//===- PathKey.h - Which path an expression names ---------------*- C++ -*-===//
//
// Two path arguments refer to the same file when their keys are equal. The
// keys of literals, macros, globals and fields mean the same in every
// translation unit, so the standalone driver can join them across TUs.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_MODEL_PATHKEY_H
#define DURCHECK_MODEL_PATHKEY_H

#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace durcheck::model {

struct PathKey {
  enum KindType { Literal, Macro, Global, Field, Local };
  KindType Kind;
  std::string Text;

  /// Literals, macros, globals with external linkage and fields name the same
  /// file in every translation unit; locals only within their function.
  bool isTranslationUnitIndependent() const { return Kind != Local; }

  bool operator==(const PathKey &O) const {
    return Kind == O.Kind && Text == O.Text;
  }
  bool operator!=(const PathKey &O) const { return !(*this == O); }
};

/// The key of a path argument, or nullopt for an expression with no stable
/// identity (a call, an arithmetic result).
std::optional<PathKey> pathKeyOf(const clang::Expr *E,
                                 const clang::ASTContext &Ctx);

struct OpenCall;

/// The key of the file an open names. For openat, a relative path is only
/// the same file under the same directory fd expression; AT_FDCWD and
/// absolute literal paths key as a plain open does.
std::optional<PathKey> openedPathKey(const OpenCall &Open,
                                     const clang::ASTContext &Ctx);

} // namespace durcheck::model

#endif // DURCHECK_MODEL_PATHKEY_H
