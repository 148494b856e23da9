//===- MixedOpens.cpp - Files opened both direct and buffered -------------===//

#include "durcheck/Analysis/MixedOpens.h"
#include "durcheck/CrossTU/Encoding.h"
#include "llvm/ADT/Twine.h"
#include <map>
#include <utility>

namespace durcheck {

std::vector<MixedOpen> findMixedOpens(llvm::ArrayRef<OpenFact> Facts,
                                      bool IgnoreWriteOnly) {
  // The direct open each key is reported with.
  std::map<std::pair<int, std::string>, size_t> DirectOf;
  for (size_t I = 0; I < Facts.size(); ++I) {
    const OpenFact &F = Facts[I];
    if (F.Mode == CacheMode::Buffered)
      continue;
    auto [It, New] = DirectOf.try_emplace({F.Key.Kind, F.Key.Text}, I);
    if (!New && F.Mode == CacheMode::Direct &&
        Facts[It->second].Mode == CacheMode::MaybeDirect)
      It->second = I;
  }
  std::vector<MixedOpen> Mixed;
  for (size_t I = 0; I < Facts.size(); ++I) {
    const OpenFact &F = Facts[I];
    if (F.Mode != CacheMode::Buffered || (IgnoreWriteOnly && !F.Reads))
      continue;
    auto It = DirectOf.find({F.Key.Kind, F.Key.Text});
    if (It != DirectOf.end())
      Mixed.push_back({I, It->second});
  }
  return Mixed;
}

namespace json = llvm::json;

static constexpr char KeyCodes[] = "lmgfo";
static constexpr char ModeCodes[] = "bdm";
static constexpr char HowCodes[] = "oms";

json::Value toJSON(const MixedUnitOpens &U) {
  using crosstu::code;
  json::Array Sites;
  for (const MixedOpenSite &S : U.Sites) {
    json::Object O{{"key", json::Array{code(KeyCodes, S.Fact.Key.Kind),
                                       json::fixUTF8(S.Fact.Key.Text)}},
                   {"mode", code(ModeCodes, unsigned(S.Fact.Mode))},
                   {"at", crosstu::toJSON(S.At)},
                   {"path", json::fixUTF8(S.Spelling)},
                   {"how", code(HowCodes, unsigned(S.How))}};
    if (!S.Fact.Reads)
      O["writeOnly"] = true;
    if (!S.FdOpen)
      O["stream"] = true;
    if (!S.Reportable)
      O["silent"] = true;
    if (S.AddDirect)
      O["fix"] = crosstu::toJSON(*S.AddDirect);
    Sites.push_back(std::move(O));
  }
  return json::Object{{"opens", std::move(Sites)}};
}

static bool readSite(const json::Value &V, MixedOpenSite &S, json::Path P) {
  using crosstu::readCode;
  const json::Object *O = V.getAsObject();
  const json::Array *Key = O ? O->getArray("key") : nullptr;
  unsigned KeyKind, Mode, How;
  if (!Key || Key->size() != 2 || !readCode(&(*Key)[0], KeyCodes, KeyKind) ||
      !(*Key)[1].getAsString() || !readCode(O->get("mode"), ModeCodes, Mode) ||
      !readCode(O->get("how"), HowCodes, How) || !O->getString("path") ||
      !O->get("at")) {
    P.report("expected an open");
    return false;
  }
  if (!crosstu::fromJSON(*O->get("at"), S.At, P.field("at")))
    return false;
  S.Fact.Key = {static_cast<model::PathKey::KindType>(KeyKind),
                (*Key)[1].getAsString()->str()};
  S.Fact.Mode = static_cast<CacheMode>(Mode);
  S.Fact.Reads = !O->getBoolean("writeOnly").value_or(false);
  S.Spelling = O->getString("path")->str();
  S.How = static_cast<DirectHow>(How);
  S.FdOpen = !O->getBoolean("stream").value_or(false);
  S.Reportable = !O->getBoolean("silent").value_or(false);
  if (const json::Value *Fix = O->get("fix"))
    return crosstu::fromJSON(*Fix, S.AddDirect.emplace(), P.field("fix"));
  return true;
}

bool fromJSON(const json::Value &V, MixedUnitOpens &U, json::Path P) {
  const json::Object *O = V.getAsObject();
  const json::Array *Sites = O ? O->getArray("opens") : nullptr;
  if (!Sites) {
    P.report("expected the opens of a unit");
    return false;
  }
  U = MixedUnitOpens();
  return crosstu::readEach(Sites, U.Sites, P.field("opens"), readSite);
}

} // namespace durcheck
