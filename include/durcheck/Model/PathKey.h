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
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>

namespace durcheck::model {

struct PathKey {
  /// Built: text a buffer was filled with, such as snprintf's output, from
  /// parts that all name the same in every unit.
  enum KindType { Literal, Macro, Global, Field, Local, Built };
  KindType Kind;
  std::string Text;

  /// Literals, macros, globals with external linkage, fields and what is
  /// built of them name the same file in every translation unit; locals
  /// only within their function.
  bool isTranslationUnitIndependent() const { return Kind != Local; }

  bool operator==(const PathKey &O) const {
    return Kind == O.Kind && Text == O.Text;
  }
  bool operator!=(const PathKey &O) const { return !(*this == O); }
};

/// What a dataflow knows of some reads of variables: the key of the value
/// that reaches each, or nullopt when no key can be given.
using ReadKeys =
    llvm::DenseMap<const clang::DeclRefExpr *, std::optional<PathKey>>;

/// Whether a literal argument is a message or a format rather than a path:
/// the calls of error and logging functions are full of them.
inline bool isMessageText(llvm::StringRef Text) {
  return Text.find_first_of(" \t\n%") != llvm::StringRef::npos;
}

/// The key of a path argument, or nullopt for an expression with no stable
/// identity (a call, an arithmetic result). A variable read that Reads
/// knows is keyed by its value there, any other by the variable.
std::optional<PathKey> pathKeyOf(const clang::Expr *E,
                                 const clang::ASTContext &Ctx,
                                 const ReadKeys *Reads = nullptr);

struct OpenCall;

/// The key of the file an open names. For openat, a relative path is only
/// the same file under the same directory fd expression; AT_FDCWD and
/// absolute literal paths key as a plain open does.
std::optional<PathKey> openedPathKey(const OpenCall &Open,
                                     const clang::ASTContext &Ctx,
                                     const ReadKeys *Reads = nullptr);

/// The key of what a printf-like Format writes with arguments of the keys
/// Args: the argument itself for "%s", a literal when every conversion is
/// a %s of a literal, else a key built of the format and the arguments.
PathKey formattedKey(llvm::StringRef Format, llvm::ArrayRef<PathKey> Args);

} // namespace durcheck::model

#endif // DURCHECK_MODEL_PATHKEY_H
