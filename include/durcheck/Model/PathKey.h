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

/// Linux's AT_FDCWD; the checks assume the same value everywhere.
constexpr int64_t AtFdCwd = -100;

/// The directory a literal path names, in a normal form (no empty or "."
/// parts, "." for the current directory); with Parent, the directory that
/// holds the file it names. Nullopt where only the file system can tell:
/// an empty path, a ".." part, the parent of "/" or ".".
std::optional<std::string> literalDirectory(llvm::StringRef Path, bool Parent);

/// Whether two directories in literalDirectory's form may be one: an
/// absolute and a relative path may, two of a kind only when equal.
bool maySameDirectory(llvm::StringRef A, llvm::StringRef B);

/// The key of what a printf-like Format writes with arguments of the keys
/// Args: the argument itself for "%s", a literal when every conversion is
/// a %s of a literal, else a key built of the format and the arguments.
PathKey formattedKey(llvm::StringRef Format, llvm::ArrayRef<PathKey> Args);

} // namespace durcheck::model

#endif // DURCHECK_MODEL_PATHKEY_H
