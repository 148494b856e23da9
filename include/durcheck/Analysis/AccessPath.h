//===- AccessPath.h - Values in terms a caller can map ----------*- C++ -*-===//
//
// A summary speaks of the files a function renames, syncs or writes. For a
// caller to use it, each file must be named in terms the caller can map: a
// parameter, the object a method is called on, a global, a literal, and the
// fields reached from them (lk->path). A caller maps a parameter to its
// argument at the call.
//
// Plain data: the same values are built from the AST in a unit and read
// back from the unit's result file by the join.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_ACCESSPATH_H
#define DURCHECK_ANALYSIS_ACCESSPATH_H

#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// A field reached from a value.
struct FieldStep {
  /// The field's identity, "record::field".
  std::string Id;
  /// Whether it was reached through a pointer (->) rather than with '.'.
  bool Arrow = false;

  bool operator==(const FieldStep &O) const { return Id == O.Id; }
  /// The field's own name: the last part of Id.
  llvm::StringRef name() const;
};

struct AccessPath {
  enum RootKind : uint8_t {
    /// Nothing a caller can name: a call's result, arithmetic.
    Unknown,
    Param,
    /// The object a method runs on.
    This,
    /// A variable of the function; Index tells two apart.
    Local,
    /// A variable with static storage, by qualified name (prefixed by its
    /// file for internal linkage).
    Global,
    /// A string literal, by its bytes.
    Literal,
    /// A macro whose expansion has no identity of its own.
    Macro,
  };
  RootKind Root = Unknown;
  unsigned Index = 0;
  std::string Name;
  std::vector<FieldStep> Fields;

  bool known() const { return Root != Unknown; }
  /// Whether a caller can name it: not a local of the function, not unknown.
  bool visibleToCallers() const { return Root != Unknown && Root != Local; }
  bool sameRoot(const AccessPath &O) const {
    return Root == O.Root && Index == O.Index && Name == O.Name;
  }
  /// The same file, or a handle to it: two values of one root object of
  /// which at least one reaches a field (lk.fd and lk.path).
  bool sameFileOrHandle(const AccessPath &O) const;
  bool operator==(const AccessPath &O) const {
    return sameRoot(O) && Fields == O.Fields;
  }
  bool operator!=(const AccessPath &O) const { return !(*this == O); }
  bool operator<(const AccessPath &O) const;
};

llvm::json::Value toJSON(const AccessPath &P);
bool fromJSON(const llvm::json::Value &V, AccessPath &P, llvm::json::Path Path);

/// How a value is written where it is used, for the messages and fixes that
/// name it.
struct Spelling {
  /// As a message names it: a literal in double quotes, a short variable or
  /// member in single quotes; empty when it cannot be named briefly.
  std::string Message;
  /// The source text a fix can evaluate again; empty when there is none.
  std::string Code;
  /// Evaluating Code again has no side effect.
  bool Pure = false;
  /// The bytes of a string literal.
  std::optional<std::string> Literal;
  /// A pointer or array of char, which dirname() can take a copy of.
  bool CharPointer = false;
};

llvm::json::Value toJSON(const Spelling &S);
bool fromJSON(const llvm::json::Value &V, Spelling &S, llvm::json::Path Path);

/// A value and its spelling, as an event or an obligation carries it.
struct SpelledValue {
  AccessPath Value;
  Spelling Spelled;
};

llvm::json::Value toJSON(const SpelledValue &V);
bool fromJSON(const llvm::json::Value &V, SpelledValue &Out,
              llvm::json::Path Path);

/// The message spelling of source text: in single quotes when it is short
/// and on one line, else empty.
std::string quoteForMessage(llvm::StringRef Code);

/// A string literal's bytes as C source, in double quotes.
std::string quoteC(llvm::StringRef Bytes);

/// Maps a value of a callee to the caller at a call: Param(i) becomes the
/// i-th argument, This the object, each with the callee's fields appended
/// and spelled on it; globals, literals and macros stay as they are, though
/// a fix may not spell them; locals and unknowns become unknown.
SpelledValue mapToCaller(const SpelledValue &CalleeValue,
                         llvm::ArrayRef<SpelledValue> Args,
                         const std::optional<SpelledValue> &Object);
/// The value alone, for a caller that needs no spelling.
AccessPath mapPathToCaller(const AccessPath &P,
                           llvm::ArrayRef<SpelledValue> Args,
                           const std::optional<SpelledValue> &Object);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_ACCESSPATH_H
