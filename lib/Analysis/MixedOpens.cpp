//===- MixedOpens.cpp - The opens of a unit, as the mixed check sees them -===//

#include "durcheck/Analysis/MixedOpens.h"
#include "durcheck/CrossTU/Encoding.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <utility>

namespace durcheck::mixed {

std::vector<MixedOpen> findMixedOpens(llvm::ArrayRef<OpenFact> Facts) {
  // The direct opens of each key, in order.
  std::map<std::pair<int, std::string>, std::vector<size_t>> DirectsOf;
  for (size_t I = 0; I < Facts.size(); ++I)
    if (Facts[I].Mode != CacheMode::Buffered)
      DirectsOf[{Facts[I].Key.Kind, Facts[I].Key.Text}].push_back(I);
  std::vector<MixedOpen> Mixed;
  for (size_t I = 0; I < Facts.size(); ++I) {
    const OpenFact &F = Facts[I];
    auto It = F.Mode == CacheMode::Buffered
                  ? DirectsOf.find({F.Key.Kind, F.Key.Text})
                  : DirectsOf.end();
    if (It == DirectsOf.end())
      continue;
    std::optional<size_t> Partner;
    for (size_t D : It->second) {
      if (Facts[D].Site == F.Site)
        continue;
      if (Facts[D].Mode == CacheMode::Direct) {
        Partner = D;
        break;
      }
      if (!Partner)
        Partner = D;
    }
    if (Partner)
      Mixed.push_back({I, *Partner});
  }
  return Mixed;
}

//===-- JSON: short keys, and only what another unit can name -------------===//

namespace json = llvm::json;
using crosstu::code;
using crosstu::readCode;
using crosstu::Record;
using crosstu::RecordView;

namespace {

constexpr char KeyCodes[] = "lmgfob";

bool exported(const FilePath &F) {
  return F.Param || (F.Key && F.Key->isTranslationUnitIndependent());
}

json::Value fileJSON(const FilePath &F) {
  Record O;
  if (F.Key && F.Key->isTranslationUnitIndependent())
    O.add("key",
          json::Array{code(KeyCodes, F.Key->Kind), json::fixUTF8(F.Key->Text)});
  if (F.Param)
    O.add("param", toJSON(*F.Param));
  O.add("path", json::fixUTF8(F.Spelling));
  if (!F.Code.empty())
    O.add("code", json::fixUTF8(F.Code));
  return O.take();
}

bool readFile(const json::Value &V, FilePath &F, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  if (!O || !O->getString("path")) {
    P.report("expected a file");
    return false;
  }
  F = FilePath();
  F.Spelling = O->getString("path")->str();
  F.Code = O->getString("code").value_or("").str();
  if (const json::Array *Key = O->getArray("key")) {
    unsigned Kind;
    if (Key->size() != 2 || !readCode(&(*Key)[0], KeyCodes, Kind) ||
        Kind == model::PathKey::Local || !(*Key)[1].getAsString()) {
      P.field("key").report("expected a path key");
      return false;
    }
    F.Key = model::PathKey{static_cast<model::PathKey::KindType>(Kind),
                           (*Key)[1].getAsString()->str()};
  }
  if (const json::Value *Param = O->get("param")) {
    if (!fromJSON(*Param, F.Param.emplace(), P.field("param")))
      return false;
    if (F.Param->Root != AccessPath::Param) {
      P.field("param").report("expected a parameter");
      return false;
    }
  }
  return true;
}

json::Value flagsJSON(const model::FlagSet &F) {
  json::Array A{int64_t(F.Must), int64_t(F.May)};
  if (F.Param)
    A.push_back(int64_t(*F.Param));
  return A;
}

bool readFlags(const json::Value &V, model::FlagSet &F, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() < 2 || A->size() > 3 || !(*A)[0].getAsInteger() ||
      !(*A)[1].getAsInteger() || (A->size() == 3 && !(*A)[2].getAsInteger())) {
    P.report("expected flags");
    return false;
  }
  F = model::FlagSet::constant(0);
  F.Must = uint64_t(*(*A)[0].getAsInteger());
  F.May = uint64_t(*(*A)[1].getAsInteger());
  if (A->size() == 3)
    F.Param = unsigned(*(*A)[2].getAsInteger());
  return true;
}

// The place, reportability and order every site has.
void siteJSON(Record &O, unsigned Order, const crosstu::Loc &At,
              bool Reportable) {
  O.add("n", int64_t(Order));
  O.add("at", crosstu::toJSON(At));
  if (!Reportable)
    O.add("silent", true);
}

bool readSite(const RecordView &O, unsigned &Order, crosstu::Loc &At,
              bool &Reportable, json::Path P) {
  std::optional<int64_t> N = O.getInteger("n");
  if (!N || *N < 0 || !O.get("at")) {
    P.report("expected a site");
    return false;
  }
  Order = unsigned(*N);
  Reportable = !O.getBoolean("silent").value_or(false);
  return crosstu::fromJSON(*O.get("at"), At, P.field("at"));
}

json::Value openJSON(const OpenSite &S) {
  Record O;
  O.add("file", fileJSON(S.Path));
  siteJSON(O, S.Order, S.At, S.Reportable);
  if (S.TakesFlags)
    O.add("flags", flagsJSON(S.Flags));
  else
    O.add("stream", true);
  if (!S.Reads)
    O.add("writeOnly", true);
  if (S.SetDirect)
    O.add("direct", crosstu::toJSON(*S.SetDirect));
  if (S.AddDirect)
    O.add("fix", crosstu::toJSON(*S.AddDirect));
  return O.take();
}

bool readOpen(const json::Value &V, OpenSite &S, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  if (!O || !O->get("file")) {
    P.report("expected an open");
    return false;
  }
  if (!readSite(*O, S.Order, S.At, S.Reportable, P) ||
      !readFile(*O->get("file"), S.Path, P.field("file")))
    return false;
  S.TakesFlags = !O->getBoolean("stream").value_or(false);
  S.Reads = !O->getBoolean("writeOnly").value_or(false);
  if (S.TakesFlags &&
      (!O->get("flags") || !readFlags(*O->get("flags"), S.Flags, P)))
    return false;
  if (const json::Value *Direct = O->get("direct"))
    if (!crosstu::fromJSON(*Direct, S.SetDirect.emplace(), P.field("direct")))
      return false;
  if (const json::Value *Fix = O->get("fix"))
    return crosstu::fromJSON(*Fix, S.AddDirect.emplace(), P.field("fix"));
  return true;
}

bool exported(const CallArgument &A) {
  return exported(A.Path) || !A.Flags.Opaque;
}

json::Value callJSON(const CallSite &C) {
  json::Array Args;
  Args.reserve(C.Args.size());
  for (size_t I = 0; I < C.Args.size(); ++I) {
    const CallArgument &A = C.Args[I];
    if (!exported(A))
      continue;
    Record Arg;
    Arg.add("i", int64_t(I));
    if (exported(A.Path))
      Arg.add("file", fileJSON(A.Path));
    if (!A.Flags.Opaque)
      Arg.add("flags", flagsJSON(A.Flags));
    if (A.AddDirect)
      Arg.add("fix", crosstu::toJSON(*A.AddDirect));
    Args.push_back(Arg.take());
  }
  Record O;
  O.add("callee", json::fixUTF8(C.Callee));
  O.add("args", std::move(Args));
  siteJSON(O, C.Order, C.At, C.Reportable);
  return O.take();
}

bool readArgument(const json::Value &V, CallSite &C, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  std::optional<int64_t> I = O ? O->getInteger("i") : std::nullopt;
  if (!I || *I < 0 || *I > 255 || *I < int64_t(C.Args.size())) {
    P.report("expected an argument");
    return false;
  }
  C.Args.resize(*I + 1);
  CallArgument &A = C.Args.back();
  if (const json::Value *File = O->get("file"))
    if (!readFile(*File, A.Path, P.field("file")))
      return false;
  if (const json::Value *Flags = O->get("flags"))
    if (!readFlags(*Flags, A.Flags, P.field("flags")))
      return false;
  if (const json::Value *Fix = O->get("fix"))
    return crosstu::fromJSON(*Fix, A.AddDirect.emplace(), P.field("fix"));
  return true;
}

bool readCall(const json::Value &V, CallSite &C, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  const json::Array *Args = O ? O->getArray("args") : nullptr;
  if (!Args || !O->getString("callee")) {
    P.report("expected a call");
    return false;
  }
  if (!readSite(*O, C.Order, C.At, C.Reportable, P))
    return false;
  C.Callee = O->getString("callee")->str();
  for (size_t I = 0; I < Args->size(); ++I)
    if (!readArgument((*Args)[I], C, P.field("args").index(I)))
      return false;
  return true;
}

json::Value functionJSON(const OpenFunction &F) {
  json::Array Opens, Calls;
  Opens.reserve(F.Opens.size());
  Calls.reserve(F.Calls.size());
  for (const OpenSite &S : F.Opens)
    if (exported(S.Path))
      Opens.push_back(openJSON(S));
  for (const CallSite &C : F.Calls)
    if (llvm::any_of(C.Args, [](const CallArgument &A) { return exported(A); }))
      Calls.push_back(callJSON(C));
  if (Opens.empty() && Calls.empty())
    return nullptr;
  Record O;
  O.add("name", json::fixUTF8(F.Name));
  O.add("display", json::fixUTF8(F.Display));
  O.add("at", crosstu::toJSON(F.Where));
  if (!Opens.empty())
    O.add("opens", std::move(Opens));
  if (!Calls.empty())
    O.add("calls", std::move(Calls));
  return O.take();
}

bool readFunction(const json::Value &V, OpenFunction &F, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  if (!O || !O->getString("name") || !O->getString("display") ||
      !O->get("at")) {
    P.report("expected a function");
    return false;
  }
  F.Name = O->getString("name")->str();
  F.Display = O->getString("display")->str();
  return crosstu::fromJSON(*O->get("at"), F.Where, P.field("at")) &&
         crosstu::readEach(O->getArray("opens"), F.Opens, P.field("opens"),
                           readOpen) &&
         crosstu::readEach(O->getArray("calls"), F.Calls, P.field("calls"),
                           readCall);
}

} // namespace

json::Value toJSON(const UnitOpens &U) {
  json::Array Functions;
  Functions.reserve(U.Functions.size());
  for (const OpenFunction &F : U.Functions) {
    json::Value V = functionJSON(F);
    if (V.kind() != json::Value::Null)
      Functions.push_back(std::move(V));
  }
  json::Object O{
      {"functions", std::move(Functions)},
      {"bits", json::Array{int64_t(U.DirectBit), int64_t(U.WriteOnlyBit)}}};
  if (U.IgnoreWriteOnly)
    O["writeOnlyIgnored"] = true;
  return O;
}

bool fromJSON(const json::Value &V, UnitOpens &U, json::Path P) {
  const json::Object *O = V.getAsObject();
  const json::Array *Functions = O ? O->getArray("functions") : nullptr;
  const json::Array *Bits = O ? O->getArray("bits") : nullptr;
  if (!Functions || !Bits || Bits->size() != 2 || !(*Bits)[0].getAsInteger() ||
      !(*Bits)[1].getAsInteger()) {
    P.report("expected the opens of a unit");
    return false;
  }
  U = UnitOpens();
  U.DirectBit = uint64_t(*(*Bits)[0].getAsInteger());
  U.WriteOnlyBit = uint64_t(*(*Bits)[1].getAsInteger());
  U.IgnoreWriteOnly = O->getBoolean("writeOnlyIgnored").value_or(false);
  return crosstu::readEach(Functions, U.Functions, P.field("functions"),
                           readFunction);
}

} // namespace durcheck::mixed
