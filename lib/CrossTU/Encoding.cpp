//===- Encoding.cpp - The JSON pieces every section is made of ------------===//

#include "durcheck/CrossTU/Encoding.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/bit.h"

namespace json = llvm::json;

namespace durcheck::crosstu {

std::optional<unsigned> readIndex(const json::Value &V) {
  std::optional<int64_t> I = V.getAsInteger();
  if (!I || *I < 0 || *I > int64_t(UINT32_MAX))
    return std::nullopt;
  return unsigned(*I);
}

uint64_t hashJSON(const json::Value &V) {
  using llvm::hash_combine;
  json::Value::Kind K = V.kind();
  switch (K) {
  case json::Value::Null:
    return hash_combine(K);
  case json::Value::Boolean:
    return hash_combine(K, *V.getAsBoolean());
  case json::Value::Number:
    if (std::optional<int64_t> I = V.getAsInteger())
      return hash_combine(K, *I);
    if (std::optional<uint64_t> U = V.getAsUINT64())
      return hash_combine(K, *U);
    return hash_combine(K, llvm::bit_cast<uint64_t>(*V.getAsNumber()));
  case json::Value::String:
    return hash_combine(K, *V.getAsString());
  case json::Value::Array: {
    llvm::hash_code H = hash_combine(K, V.getAsArray()->size());
    for (const json::Value &E : *V.getAsArray())
      H = hash_combine(H, hashJSON(E));
    return H;
  }
  case json::Value::Object: {
    // An object's iteration order is its hash table's: combine its
    // members in an order-free way.
    uint64_t Sum = 0;
    for (const auto &[Key, Member] : *V.getAsObject())
      Sum += hash_combine(llvm::StringRef(Key), hashJSON(Member));
    return hash_combine(K, V.getAsObject()->size(), Sum);
  }
  }
  llvm_unreachable("every JSON kind is handled");
}

std::optional<RecordView> RecordView::of(const json::Value &V) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() % 2 != 0)
    return std::nullopt;
  for (size_t I = 0; I < A->size(); I += 2)
    if (!(*A)[I].getAsString())
      return std::nullopt;
  return RecordView(*A);
}

const json::Value *RecordView::get(llvm::StringRef Key) const {
  for (size_t I = 0; I < Fields->size(); I += 2)
    if (*(*Fields)[I].getAsString() == Key)
      return &(*Fields)[I + 1];
  return nullptr;
}

std::optional<llvm::StringRef>
RecordView::getString(llvm::StringRef Key) const {
  const json::Value *V = get(Key);
  return V ? V->getAsString() : std::nullopt;
}

std::optional<int64_t> RecordView::getInteger(llvm::StringRef Key) const {
  const json::Value *V = get(Key);
  return V ? V->getAsInteger() : std::nullopt;
}

std::optional<bool> RecordView::getBoolean(llvm::StringRef Key) const {
  const json::Value *V = get(Key);
  return V ? V->getAsBoolean() : std::nullopt;
}

const json::Array *RecordView::getArray(llvm::StringRef Key) const {
  const json::Value *V = get(Key);
  return V ? V->getAsArray() : nullptr;
}

json::Value toJSON(const Loc &L) {
  return json::Array{int64_t(L.File), int64_t(L.Offset)};
}

bool fromJSON(const json::Value &V, Loc &L, json::Path P) {
  const json::Array *A = V.getAsArray();
  std::optional<unsigned> File =
      A && A->size() == 2 ? readIndex((*A)[0]) : std::nullopt;
  std::optional<unsigned> Offset = File ? readIndex((*A)[1]) : std::nullopt;
  if (!Offset) {
    P.report("expected a location");
    return false;
  }
  L = {*File, *Offset};
  return true;
}

json::Value toJSON(const UnitEdit &E) {
  return json::Array{int64_t(E.File), int64_t(E.Offset), int64_t(E.Length),
                     json::fixUTF8(E.Text)};
}

bool fromJSON(const json::Value &V, UnitEdit &E, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 4 || !readIndex((*A)[0]) || !readIndex((*A)[1]) ||
      !readIndex((*A)[2]) || !(*A)[3].getAsString()) {
    P.report("expected an edit");
    return false;
  }
  E = {*readIndex((*A)[0]), *readIndex((*A)[1]), *readIndex((*A)[2]),
       (*A)[3].getAsString()->str()};
  return true;
}

// [[file, offset], text, [edit...]]
json::Value toJSON(const UnitMessage &M) {
  return json::Array{
      toJSON(M.At), json::fixUTF8(M.Text),
      arrayOf(M.Fix, [](const UnitEdit &E) { return toJSON(E); })};
}

bool fromJSON(const json::Value &V, UnitMessage &M, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 3 || !(*A)[1].getAsString() || !(*A)[2].getAsArray()) {
    P.report("expected a message");
    return false;
  }
  M.Text = (*A)[1].getAsString()->str();
  return fromJSON((*A)[0], M.At, P.index(0)) &&
         readEach((*A)[2].getAsArray(), M.Fix, P.index(2),
                  [](const json::Value &E, UnitEdit &Out, json::Path EP) {
                    return fromJSON(E, Out, EP);
                  });
}

} // namespace durcheck::crosstu
