//===- RenameGraph.cpp - A function as the rename analysis sees it --------===//
//
// The JSON form of the graphs, in short keys and arrays: a unit's result
// file holds one graph per function that renames, syncs, writes or calls.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/RenameGraph.h"
#include "durcheck/CrossTU/Encoding.h"
#include "llvm/ADT/Hashing.h"

namespace json = llvm::json;

namespace durcheck::rename {
namespace {

constexpr char EventCodes[] = "RCDFWNX";
constexpr char CalleeCodes[] = "dvs";

using crosstu::code;
using crosstu::readCode;
using crosstu::Record;
using crosstu::RecordView;

json::Value locJSON(const crosstu::Loc &L) { return crosstu::toJSON(L); }

bool readLoc(const json::Value &V, crosstu::Loc &L, json::Path P) {
  return crosstu::fromJSON(V, L, P);
}

json::Value eventJSON(const Event &E) {
  Record O;
  O.add("k", code(EventCodes, unsigned(E.Kind)));
  if (E.Kind == EventKind::Call) {
    json::Array Target{code(CalleeCodes, E.Target.Kind),
                       json::fixUTF8(E.Target.Name)};
    if (!E.Target.Display.empty())
      Target.push_back(json::fixUTF8(E.Target.Display));
    O.add("t", std::move(Target));
  }
  // Trailing arguments that name nothing are left out.
  json::Array Args =
      crosstu::arrayOf(E.Args, [](const SpelledValue &A) { return toJSON(A); });
  while (!Args.empty() && !Args.back().getAsArray())
    Args.pop_back();
  if (!Args.empty())
    O.add("a", std::move(Args));
  if (E.Object)
    O.add("o", toJSON(*E.Object));
  json::Array Constants;
  Constants.reserve(E.Constants.size());
  for (size_t I = 0; I < E.Constants.size(); ++I)
    if (E.Constants[I])
      Constants.push_back(json::Array{int64_t(I), *E.Constants[I]});
  if (!Constants.empty())
    O.add("n", std::move(Constants));
  // A directory synced is "d", a file whose parent is synced "p".
  if (E.Directory)
    O.add(E.Directory->ParentOf ? "p" : "d", toJSON(E.Directory->Value));
  if (E.Anchor >= 0)
    O.add("x", E.Anchor);
  return O.take();
}

bool readEvent(const json::Value &V, Event &E, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  unsigned Kind = 0;
  if (!O || !readCode(O->get("k"), EventCodes, Kind)) {
    P.report("expected an event");
    return false;
  }
  E = Event();
  E.Kind = static_cast<EventKind>(Kind);
  if (const json::Value *T = O->get("t")) {
    const json::Array *A = T->getAsArray();
    unsigned CalleeKind = 0;
    if (!A || A->size() < 2 || A->size() > 3 ||
        !readCode(&(*A)[0], CalleeCodes, CalleeKind) ||
        !(*A)[1].getAsString() || (A->size() == 3 && !(*A)[2].getAsString())) {
      P.report("expected a callee");
      return false;
    }
    E.Target = {static_cast<Callee::KindType>(CalleeKind),
                (*A)[1].getAsString()->str(),
                A->size() == 3 ? (*A)[2].getAsString()->str() : ""};
  }
  if (!O->mapOptional("a", E.Args, P) || !O->mapOptional("o", E.Object, P))
    return false;
  if (const json::Array *Constants = O->getArray("n"))
    for (const json::Value &C : *Constants) {
      const json::Array *Pair = C.getAsArray();
      std::optional<int64_t> Index =
          Pair && Pair->size() == 2 ? (*Pair)[0].getAsInteger() : std::nullopt;
      std::optional<int64_t> Value =
          Index ? (*Pair)[1].getAsInteger() : std::nullopt;
      if (!Value || *Index < 0 || *Index > 255) {
        P.report("expected a constant argument");
        return false;
      }
      if (E.Constants.size() <= size_t(*Index))
        E.Constants.resize(*Index + 1);
      E.Constants[*Index] = *Value;
    }
  for (bool Parent : {false, true})
    if (const json::Value *D = O->get(Parent ? "p" : "d")) {
      E.Directory.emplace();
      E.Directory->ParentOf = Parent;
      if (!fromJSON(*D, E.Directory->Value, P.field(Parent ? "p" : "d")))
        return false;
    }
  E.Anchor = int(O->getInteger("x").value_or(-1));
  return true;
}

// [file, offset, flags, fix offset, indent, fix end, call, result type,
// result]: flags say whether it is silenced for the rename check (s) or the
// creation check (c), where a fix goes (a: after
// the statement, r: rewriting a return) and whether it is safe (w: on the
// warning). The result's two are there when the call is not all it returns.
// placelessFingerprint leaves out the places by their positions here, and
// by the keys of blockJSON's leave point and functionJSON's place.
json::Value anchorJSON(const Anchor &A) {
  std::string Flags = A.Reportable ? "" : "s";
  if (!A.CreationReportable)
    Flags += "c";
  if (A.Fix != Anchor::NoFix)
    Flags += A.Fix == Anchor::InsertAfter ? "a" : "r";
  if (A.FixOnWarning)
    Flags += "w";
  json::Array Out{int64_t(A.At.File), int64_t(A.At.Offset), Flags};
  if (A.Fix == Anchor::NoFix)
    return Out;
  Out.push_back(int64_t(A.Offset));
  Out.push_back(A.Indent);
  if (A.Fix == Anchor::RewriteReturn) {
    Out.push_back(int64_t(A.End));
    Out.push_back(json::fixUTF8(A.CallCode));
    if (!A.ResultCode.empty()) {
      Out.push_back(json::fixUTF8(A.ResultType));
      Out.push_back(json::fixUTF8(A.ResultCode));
    }
  }
  return Out;
}

bool readAnchor(const json::Value &V, Anchor &A, json::Path P) {
  const json::Array *Arr = V.getAsArray();
  auto Int = [&](size_t I) {
    return Arr && I < Arr->size() ? (*Arr)[I].getAsInteger() : std::nullopt;
  };
  auto Str = [&](size_t I) {
    return Arr && I < Arr->size() ? (*Arr)[I].getAsString() : std::nullopt;
  };
  std::optional<llvm::StringRef> Flags = Str(2);
  if (!Int(0) || !Int(1) || !Flags || *Int(0) < 0 || *Int(1) < 0) {
    P.report("expected an anchor");
    return false;
  }
  A = Anchor();
  A.At = {unsigned(*Int(0)), unsigned(*Int(1))};
  A.Reportable = !Flags->contains('s');
  A.CreationReportable = !Flags->contains('c');
  A.FixOnWarning = Flags->contains('w');
  if (!Flags->contains('a') && !Flags->contains('r'))
    return true;
  bool Return = Flags->contains('r');
  if (!Int(3) || *Int(3) < 0 || !Str(4) ||
      (Return && (!Int(5) || *Int(5) < *Int(3) || !Str(6)))) {
    P.report("expected an anchor's fix");
    return false;
  }
  A.Fix = Return ? Anchor::RewriteReturn : Anchor::InsertAfter;
  A.Offset = unsigned(*Int(3));
  A.Indent = Str(4)->str();
  if (Return) {
    A.End = unsigned(*Int(5));
    A.CallCode = Str(6)->str();
    if (Arr->size() > 7) {
      if (!Str(7) || !Str(8)) {
        P.report("expected an anchor's returned expression");
        return false;
      }
      A.ResultType = Str(7)->str();
      A.ResultCode = Str(8)->str();
    }
  }
  return true;
}

json::Value edgeJSON(const Edge &E) {
  json::Array A{int64_t(E.To)};
  if (E.Failure)
    A.push_back("f");
  if (E.Guard) {
    A.push_back(int64_t(E.Guard->Guard));
    A.push_back(E.Guard->Value);
  }
  return A;
}

bool readEdge(const json::Value &V, Edge &E, json::Path P) {
  const json::Array *A = V.getAsArray();
  std::optional<int64_t> To =
      A && !A->empty() ? (*A)[0].getAsInteger() : std::nullopt;
  if (!To || *To < 0) {
    P.report("expected an edge");
    return false;
  }
  E = Edge();
  E.To = unsigned(*To);
  size_t I = 1;
  if (I < A->size() && (*A)[I].getAsString() == llvm::StringRef("f")) {
    E.Failure = true;
    ++I;
  }
  if (I + 2 == A->size()) {
    std::optional<int64_t> Guard = (*A)[I].getAsInteger();
    std::optional<bool> Value = (*A)[I + 1].getAsBoolean();
    if (!Guard || !Value || *Guard < 0 || *Guard > 255) {
      P.report("expected a guard test");
      return false;
    }
    E.Guard = GuardTest{uint8_t(*Guard), *Value};
  } else if (I != A->size()) {
    P.report("expected an edge");
    return false;
  }
  return true;
}

json::Value blockJSON(const Block &B) {
  Record O;
  if (!B.Events.empty())
    O.add("e", crosstu::arrayOf(B.Events, eventJSON));
  O.add("s", crosstu::arrayOf(B.Succs, edgeJSON));
  if (B.LeavesHere)
    O.add("l", json::Array{B.LeavesHere->Kind == LeaveKind::Return ? "r" : "e",
                           locJSON(B.LeavesHere->At)});
  return O.take();
}

bool readBlock(const json::Value &V, Block &B, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  if (!O) {
    P.report("expected a block");
    return false;
  }
  B = Block();
  if (!crosstu::readEach(O->getArray("e"), B.Events, P.field("e"), readEvent) ||
      !crosstu::readEach(O->getArray("s"), B.Succs, P.field("s"), readEdge))
    return false;
  if (const json::Array *L = O->getArray("l")) {
    Leave Out;
    if (L->size() != 2 || !(*L)[0].getAsString() ||
        !readLoc((*L)[1], Out.At, P.field("l"))) {
      P.report("expected a leave point");
      return false;
    }
    Out.Kind = *(*L)[0].getAsString() == "r" ? LeaveKind::Return
                                             : LeaveKind::EndOfBody;
    B.LeavesHere = Out;
  }
  return true;
}

json::Value functionJSON(const FunctionGraph &F) {
  Record O;
  O.add("name", json::fixUTF8(F.Name));
  O.add("at", locJSON(F.Where));
  O.add("blocks", crosstu::arrayOf(F.Blocks, blockJSON));
  // A C function is called what it is named.
  if (F.Display != F.Name)
    O.add("display", json::fixUTF8(F.Display));
  if (F.InternalOnly)
    O.add("internal", true);
  if (!F.Overrides.empty())
    O.add("overrides", F.Overrides);
  if (!F.Guards.empty())
    O.add("guards", F.Guards);
  if (!F.Anchors.empty())
    O.add("anchors", crosstu::arrayOf(F.Anchors, anchorJSON));
  if (!F.Exits.empty())
    O.add("exits", F.Exits);
  return O.take();
}

bool readFunction(const json::Value &V, FunctionGraph &F, json::Path P) {
  std::optional<RecordView> O = RecordView::of(V);
  if (!O) {
    P.report("expected a function");
    return false;
  }
  if (!O->map("name", F.Name, P) || !O->mapOptional("display", F.Display, P) ||
      !O->mapOptional("overrides", F.Overrides, P) ||
      !O->mapOptional("guards", F.Guards, P))
    return false;
  if (!O->get("at") || !readLoc(*O->get("at"), F.Where, P.field("at")))
    return false;
  if (!O->get("display"))
    F.Display = F.Name;
  F.InternalOnly = O->getBoolean("internal").value_or(false);
  const json::Array *Blocks = O->getArray("blocks");
  if (!Blocks || Blocks->empty()) {
    P.field("blocks").report("expected blocks");
    return false;
  }
  if (!crosstu::readEach(Blocks, F.Blocks, P.field("blocks"), readBlock) ||
      !crosstu::readEach(O->getArray("anchors"), F.Anchors, P.field("anchors"),
                         readAnchor))
    return false;
  // Indexes must stay inside the graph: a damaged file must not crash the
  // join.
  for (const Block &B : F.Blocks) {
    for (const Edge &E : B.Succs)
      if (E.To > F.Blocks.size() ||
          (E.Guard && E.Guard->Guard >= F.Guards.size())) {
        P.report("edge out of range");
        return false;
      }
    for (const Event &E : B.Events)
      if (E.Anchor >= int(F.Anchors.size())) {
        P.report("anchor out of range");
        return false;
      }
  }
  if (const json::Array *Exits = O->getArray("exits"))
    for (const json::Value &E : *Exits) {
      std::optional<int64_t> B = E.getAsInteger();
      if (!B || *B < 0 || *B >= int64_t(F.Blocks.size()) ||
          !F.Blocks[*B].LeavesHere) {
        P.field("exits").report("exit out of range");
        return false;
      }
      F.Exits.push_back(unsigned(*B));
    }
  return true;
}

bool passesThrough(const FunctionGraph &G, unsigned B) {
  const Block &Bk = G.Blocks[B];
  return B != 0 && Bk.Events.empty() && !Bk.LeavesHere &&
         Bk.Succs.size() == 1 && !Bk.Succs[0].Failure && !Bk.Succs[0].Guard;
}

} // namespace

void contract(FunctionGraph &G) {
  unsigned N = G.Blocks.size();
  // Where each block's flow really goes: past the pass-through blocks. An
  // empty loop of them keeps one, with an edge to itself.
  std::vector<int> Forward(N, -1);
  std::vector<bool> OnPath(N, false);
  for (unsigned B = 0; B < N; ++B) {
    std::vector<unsigned> Path;
    unsigned T = B;
    while (T != G.exit() && Forward[T] < 0 && !OnPath[T] &&
           passesThrough(G, T)) {
      OnPath[T] = true;
      Path.push_back(T);
      T = G.Blocks[T].Succs[0].To;
    }
    unsigned Target = T;
    if (T != G.exit() && Forward[T] >= 0)
      Target = unsigned(Forward[T]);
    for (unsigned P : Path) {
      Forward[P] = int(Target);
      OnPath[P] = false;
    }
    if (Forward[B] < 0)
      Forward[B] = int(B);
  }
  // The blocks still reached from the entry, numbered anew.
  std::vector<int> NewIndex(N, -1);
  std::vector<unsigned> Order{0};
  NewIndex[0] = 0;
  for (size_t I = 0; I < Order.size(); ++I)
    for (Edge &E : G.Blocks[Order[I]].Succs) {
      if (E.To == G.exit())
        continue;
      E.To = unsigned(Forward[E.To]);
      if (NewIndex[E.To] < 0) {
        NewIndex[E.To] = int(Order.size());
        Order.push_back(E.To);
      }
    }
  std::vector<Block> Blocks;
  for (unsigned B : Order)
    Blocks.push_back(std::move(G.Blocks[B]));
  for (Block &B : Blocks)
    for (Edge &E : B.Succs)
      E.To = E.To == G.exit() ? unsigned(Blocks.size()) : NewIndex[E.To];
  std::vector<unsigned> Exits;
  for (unsigned B : G.Exits)
    if (NewIndex[B] >= 0)
      Exits.push_back(unsigned(NewIndex[B]));
  G.Blocks = std::move(Blocks);
  G.Exits = std::move(Exits);
}

namespace {

// crosstu::hashJSON of a record, but of the fields Hash(key, value) gives
// a hash of, and with that hash.
template <typename HashFn>
uint64_t hashRecord(const json::Value &V, HashFn Hash) {
  const json::Array *Fields = V.getAsArray();
  if (!Fields || Fields->size() % 2)
    return crosstu::hashJSON(V);
  llvm::hash_code H = llvm::hash_value(Fields->size());
  for (size_t I = 0; I < Fields->size(); I += 2) {
    llvm::StringRef Key = (*Fields)[I].getAsString().value_or("");
    if (std::optional<uint64_t> Field = Hash(Key, (*Fields)[I + 1]))
      H = llvm::hash_combine(H, Key, *Field);
  }
  return H;
}

// The same of an array, with Hash(index, element).
template <typename HashFn>
uint64_t hashEach(const json::Value &V, HashFn Hash) {
  const json::Array *Elements = V.getAsArray();
  if (!Elements)
    return crosstu::hashJSON(V);
  llvm::hash_code H = llvm::hash_value(Elements->size());
  for (size_t I = 0; I < Elements->size(); ++I)
    if (std::optional<uint64_t> Element = Hash(I, (*Elements)[I]))
      H = llvm::hash_combine(H, I, *Element);
  return H;
}

} // namespace

uint64_t placelessFingerprint(const json::Value &Function) {
  // The places are where functionJSON, blockJSON and anchorJSON put them.
  auto Event = [](llvm::StringRef Key, const json::Value &V) {
    return Key == "n" ? std::nullopt
                      : std::optional<uint64_t>(crosstu::hashJSON(V));
  };
  auto Block = [&](llvm::StringRef Key,
                   const json::Value &V) -> std::optional<uint64_t> {
    if (Key == "e")
      return hashEach(V, [&](size_t, const json::Value &E) {
        return std::optional<uint64_t>(hashRecord(E, Event));
      });
    // A leave point's kind, not its place.
    if (Key == "l")
      return hashEach(V, [](size_t I, const json::Value &E) {
        return I == 0 ? std::optional<uint64_t>(crosstu::hashJSON(E))
                      : std::nullopt;
      });
    return crosstu::hashJSON(V);
  };
  // An anchor's file and offset, and its fix's offset and end.
  auto Anchor = [](size_t I, const json::Value &E) {
    return I == 0 || I == 1 || I == 3 || I == 5
               ? std::nullopt
               : std::optional<uint64_t>(crosstu::hashJSON(E));
  };
  return hashRecord(Function,
                    [&](llvm::StringRef Key,
                        const json::Value &V) -> std::optional<uint64_t> {
                      if (Key == "at")
                        return std::nullopt;
                      if (Key == "blocks")
                        return hashEach(V, [&](size_t, const json::Value &B) {
                          return std::optional<uint64_t>(hashRecord(B, Block));
                        });
                      if (Key == "anchors")
                        return hashEach(V, [&](size_t, const json::Value &A) {
                          return std::optional<uint64_t>(hashEach(A, Anchor));
                        });
                      return crosstu::hashJSON(V);
                    });
}

bool sameTestedConstants(const FunctionGraph &A, const FunctionGraph &B,
                         ConstantTested Tested) {
  if (A.Blocks.size() != B.Blocks.size())
    return false;
  for (const auto &[BlockA, BlockB] : llvm::zip(A.Blocks, B.Blocks)) {
    if (BlockA.Events.size() != BlockB.Events.size())
      return false;
    for (const auto &[EA, EB] : llvm::zip(BlockA.Events, BlockB.Events))
      for (size_t I = 0; I < std::max(EA.Constants.size(), EB.Constants.size());
           ++I) {
        auto At = [&](const Event &E) {
          return I < E.Constants.size() ? E.Constants[I] : std::nullopt;
        };
        if (At(EA) != At(EB) && Tested(EA, I))
          return false;
      }
  }
  return true;
}

bool sameGraph(const FunctionGraph &A, const FunctionGraph &B) {
  return A.Fingerprint && A.Fingerprint == B.Fingerprint;
}

json::Value toJSON(const UnitGraphs &U) {
  json::Array Slots = crosstu::arrayOf(U.Slots, [](const SlotStore &S) {
    json::Array A{json::fixUTF8(S.Slot), json::fixUTF8(S.Function)};
    if (S.Library)
      A.push_back(true);
    return A;
  });
  json::Array Includes = crosstu::arrayOf(U.Includes, [](const IncludeEdit &I) {
    return json::Array{int64_t(I.File), I.Header, int64_t(I.Offset), I.Text};
  });
  json::Object O{{"functions", crosstu::arrayOf(U.Functions, functionJSON)}};
  if (!Slots.empty())
    O["slots"] = std::move(Slots);
  if (!Includes.empty())
    O["includes"] = std::move(Includes);
  if (U.Creations)
    O["creations"] = true;
  if (!U.RequireIntent)
    O["anyRename"] = true;
  if (U.CPlusPlus17)
    O["cxx17"] = true;
  if (!U.DirSyncFunction.empty())
    O["helper"] = U.DirSyncFunction;
  return O;
}

json::Value GraphsSection::toJSON() const { return rename::toJSON(Graphs); }

bool fromJSON(const json::Value &V, UnitGraphs &U, json::Path P) {
  const json::Object *O = V.getAsObject();
  const json::Array *Functions = O ? O->getArray("functions") : nullptr;
  if (!Functions) {
    P.report("expected the rename graphs of a unit");
    return false;
  }
  U = UnitGraphs();
  if (!crosstu::readEach(Functions, U.Functions, P.field("functions"),
                         readFunction))
    return false;
  if (const json::Array *Slots = O->getArray("slots"))
    for (const json::Value &S : *Slots) {
      const json::Array *A = S.getAsArray();
      if (!A || A->size() < 2 || A->size() > 3 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsString() ||
          (A->size() == 3 && (*A)[2].getAsBoolean() != true)) {
        P.field("slots").report("expected a slot store");
        return false;
      }
      U.Slots.push_back({(*A)[0].getAsString()->str(),
                         (*A)[1].getAsString()->str(), A->size() == 3});
    }
  if (const json::Array *Includes = O->getArray("includes"))
    for (const json::Value &I : *Includes) {
      const json::Array *A = I.getAsArray();
      if (!A || A->size() != 4 || !(*A)[0].getAsInteger() ||
          !(*A)[1].getAsString() || !(*A)[2].getAsInteger() ||
          !(*A)[3].getAsString()) {
        P.field("includes").report("expected an include edit");
        return false;
      }
      U.Includes.push_back(
          {unsigned(*(*A)[0].getAsInteger()), (*A)[1].getAsString()->str(),
           unsigned(*(*A)[2].getAsInteger()), (*A)[3].getAsString()->str()});
    }
  U.Creations = O->getBoolean("creations").value_or(false);
  U.RequireIntent = !O->getBoolean("anyRename").value_or(false);
  U.CPlusPlus17 = O->getBoolean("cxx17").value_or(false);
  U.DirSyncFunction = O->getString("helper").value_or("").str();
  return true;
}

} // namespace durcheck::rename
