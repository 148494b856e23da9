//===- Encoding.h - The JSON pieces every section is made of ----*- C++ -*-===//
//
// Sections go into every unit's result file, so they are written in short
// keys, one-letter codes and arrays; these are the pieces they share.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_CROSSTU_ENCODING_H
#define DURCHECK_CROSSTU_ENCODING_H

#include "durcheck/CrossTU/Sink.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/JSON.h"
#include <iterator>
#include <string>
#include <vector>

namespace durcheck::crosstu {

/// The one-letter code of Index in a table of codes such as "rcd".
template <size_t N> std::string code(const char (&Codes)[N], unsigned Index) {
  return std::string(1, Codes[Index]);
}

/// Reads a one-letter code of the table back as its index.
template <size_t N>
bool readCode(const llvm::json::Value *V, const char (&Codes)[N],
              unsigned &Index) {
  std::optional<llvm::StringRef> S = V ? V->getAsString() : std::nullopt;
  size_t I = S && S->size() == 1 ? llvm::StringRef(Codes).find(S->front())
                                 : llvm::StringRef::npos;
  Index = unsigned(I);
  return I != llvm::StringRef::npos;
}

/// A non-negative integer that fits in 32 bits, as an index or offset.
std::optional<unsigned> readIndex(const llvm::json::Value &V);

/// A hash of what V says: equal values hash alike, in one process.
uint64_t hashJSON(const llvm::json::Value &V);

llvm::json::Value toJSON(const Loc &L);
bool fromJSON(const llvm::json::Value &V, Loc &L, llvm::json::Path P);
llvm::json::Value toJSON(const UnitEdit &E);
bool fromJSON(const llvm::json::Value &V, UnitEdit &E, llvm::json::Path P);
llvm::json::Value toJSON(const UnitMessage &M);
bool fromJSON(const llvm::json::Value &V, UnitMessage &M, llvm::json::Path P);

/// A record of named fields, written as one array of alternating keys and
/// values. Sections hold millions of small records, and an
/// llvm::json::Object allocates at least 64 hash buckets (3.5 KiB) for
/// each: as objects, postgresql-15's sections took 7 GB to read back.
class Record {
public:
  /// Adds a field; each key is added once.
  void add(llvm::StringRef Key, llvm::json::Value V) {
    Fields.push_back(Key);
    Fields.push_back(std::move(V));
  }
  llvm::json::Value take() {
    llvm::json::Array A;
    A.reserve(Fields.size());
    for (llvm::json::Value &V : Fields)
      A.push_back(std::move(V));
    return llvm::json::Value(std::move(A));
  }

private:
  // SmallVector grows by moving; a json::Array would copy (see arrayOf).
  llvm::SmallVector<llvm::json::Value, 16> Fields;
};

/// An array of ToJSON(E) for each element E of R, sized once. A
/// json::Value's move constructor is not noexcept, so a growing
/// json::Array copies every value it holds, deeply, each time it grows.
template <typename Range, typename Fn>
llvm::json::Array arrayOf(const Range &R, Fn ToJSON) {
  llvm::json::Array A;
  A.reserve(std::size(R));
  for (const auto &E : R)
    A.push_back(ToJSON(E));
  return A;
}

/// Reads a Record back; its fields are found by a linear search, as
/// records hold a handful.
class RecordView {
public:
  /// V as a record, or nullopt when it is not one.
  static std::optional<RecordView> of(const llvm::json::Value &V);

  const llvm::json::Value *get(llvm::StringRef Key) const;
  std::optional<llvm::StringRef> getString(llvm::StringRef Key) const;
  std::optional<int64_t> getInteger(llvm::StringRef Key) const;
  std::optional<bool> getBoolean(llvm::StringRef Key) const;
  const llvm::json::Array *getArray(llvm::StringRef Key) const;

  /// Reads field Key into Out with fromJSON; false, reported under P, when
  /// it is missing or malformed.
  template <typename T>
  bool map(llvm::StringRef Key, T &Out, llvm::json::Path P) const {
    const llvm::json::Value *V = get(Key);
    if (!V) {
      P.field(Key).report("missing value");
      return false;
    }
    using llvm::json::fromJSON;
    return fromJSON(*V, Out, P.field(Key));
  }
  /// As map, but a missing field leaves Out alone.
  template <typename T>
  bool mapOptional(llvm::StringRef Key, T &Out, llvm::json::Path P) const {
    const llvm::json::Value *V = get(Key);
    if (!V)
      return true;
    using llvm::json::fromJSON;
    return fromJSON(*V, Out, P.field(Key));
  }

private:
  explicit RecordView(const llvm::json::Array &Fields) : Fields(&Fields) {}
  const llvm::json::Array *Fields;
};

/// Reads each element of an array, if there is one, with Read(value, out,
/// path); false at the first it cannot read.
template <typename T, typename ReadFn>
bool readEach(const llvm::json::Array *A, std::vector<T> &Out,
              llvm::json::Path P, ReadFn Read) {
  if (!A)
    return true;
  for (size_t I = 0; I < A->size(); ++I)
    if (!Read((*A)[I], Out.emplace_back(), P.index(I)))
      return false;
  return true;
}

} // namespace durcheck::crosstu

#endif // DURCHECK_CROSSTU_ENCODING_H
