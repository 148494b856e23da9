//===- Encoding.cpp - The JSON pieces every section is made of ------------===//

#include "durcheck/CrossTU/Encoding.h"

namespace json = llvm::json;

namespace durcheck::crosstu {

// A non-negative integer that fits in 32 bits.
static std::optional<unsigned> index(const json::Value &V) {
  std::optional<int64_t> I = V.getAsInteger();
  if (!I || *I < 0 || *I > int64_t(UINT32_MAX))
    return std::nullopt;
  return unsigned(*I);
}

json::Value toJSON(const Loc &L) {
  return json::Array{int64_t(L.File), int64_t(L.Offset)};
}

bool fromJSON(const json::Value &V, Loc &L, json::Path P) {
  const json::Array *A = V.getAsArray();
  std::optional<unsigned> File =
      A && A->size() == 2 ? index((*A)[0]) : std::nullopt;
  std::optional<unsigned> Offset = File ? index((*A)[1]) : std::nullopt;
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
  if (!A || A->size() != 4 || !index((*A)[0]) || !index((*A)[1]) ||
      !index((*A)[2]) || !(*A)[3].getAsString()) {
    P.report("expected an edit");
    return false;
  }
  E = {*index((*A)[0]), *index((*A)[1]), *index((*A)[2]),
       (*A)[3].getAsString()->str()};
  return true;
}

} // namespace durcheck::crosstu
