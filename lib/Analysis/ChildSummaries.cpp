//===- ChildSummaries.cpp - vfork children across units -------------------===//
//
// The walk over pieces, the whole-program fixpoint, and the JSON form: a
// function is [name, [piece...]], a piece [after, [reaches], returns, [why
// note...], [call note...]] with after null for the entry's; a child's piece
// is [after, [reaches], [findings]] and, after an open call, the index of the
// finding at that call and its chain's first note and length.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/ChildSummaries.h"
#include "durcheck/CrossTU/Encoding.h"

namespace json = llvm::json;

namespace durcheck::vfork {

void walkPieces(llvm::ArrayRef<Piece> Pieces, StatusOf Callee,
                llvm::function_ref<void(const Piece &)> Ran,
                llvm::function_ref<void(const Piece &)> Unsafe) {
  std::vector<bool> Seen(Pieces.size());
  std::vector<unsigned> Work;
  for (unsigned I = 0; I < Pieces.size(); ++I)
    if (Pieces[I].isStart()) {
      Seen[I] = true;
      Work.push_back(I);
    }
  while (!Work.empty()) {
    const Piece &P = Pieces[Work.back()];
    Work.pop_back();
    Ran(P);
    for (unsigned Next : P.Reaches) {
      Status S = Callee(Pieces[Next].After);
      if (S == Status::Unsafe)
        Unsafe(Pieces[Next]);
      else if (S == Status::Returns && !Seen[Next]) {
        Seen[Next] = true;
        Work.push_back(Next);
      }
    }
  }
}

Status statusOf(const Function &F, StatusOf Callee) {
  bool Violates = false, Returns = false;
  walkPieces(
      F.Pieces, Callee,
      [&](const Piece &P) {
        Violates |= !P.Why.empty();
        Returns |= P.Returns;
      },
      [&](const Piece &) { Violates = true; });
  if (Violates)
    return Status::Unsafe;
  return Returns ? Status::Returns : Status::NeverReturns;
}

// A worklist from the top: every defined function starts as safe and never
// returning, and a function is judged again when a callee's status drops.
llvm::StringMap<Status>
solveStatuses(llvm::ArrayRef<const Function *> Functions) {
  llvm::StringMap<Status> Out;
  llvm::StringMap<std::vector<unsigned>> Definitions, Callers;
  for (unsigned I = 0; I < Functions.size(); ++I) {
    Out[Functions[I]->Name] = Status::NeverReturns;
    Definitions[Functions[I]->Name].push_back(I);
    for (const Piece &P : Functions[I]->Pieces)
      if (!P.isStart())
        Callers[P.After].push_back(I);
  }
  auto Lookup = [&](llvm::StringRef Name) {
    auto It = Out.find(Name);
    return It == Out.end() ? Status::Unsafe : It->second;
  };
  std::vector<Status> Value(Functions.size(), Status::NeverReturns);
  std::vector<unsigned> Work(Functions.size());
  for (unsigned I = 0; I < Functions.size(); ++I)
    Work[I] = Functions.size() - 1 - I;
  std::vector<bool> Queued(Functions.size(), true);
  while (!Work.empty()) {
    unsigned I = Work.back();
    Work.pop_back();
    Queued[I] = false;
    Status V = statusOf(*Functions[I], Lookup);
    if (V == Value[I])
      continue;
    Value[I] = V;
    const std::string &Name = Functions[I]->Name;
    Status Best = Status::Unsafe;
    for (unsigned D : Definitions[Name])
      Best = std::max(Best, Value[D]);
    if (Best == Out[Name])
      continue;
    Out[Name] = Best;
    for (unsigned C : Callers.lookup(Name))
      if (!Queued[C]) {
        Queued[C] = true;
        Work.push_back(C);
      }
  }
  return Out;
}

//===-- JSON --------------------------------------------------------------===//

namespace {

json::Value afterJSON(const Piece &P) {
  return P.isStart() ? json::Value(nullptr) : json::fixUTF8(P.After);
}

json::Array indexes(llvm::ArrayRef<unsigned> Values) {
  json::Array Out;
  for (unsigned V : Values)
    Out.push_back(int64_t(V));
  return Out;
}

bool readIndexes(const json::Value &V, std::vector<unsigned> &Out) {
  const json::Array *A = V.getAsArray();
  if (!A)
    return false;
  for (const json::Value &E : *A) {
    std::optional<unsigned> I = crosstu::readIndex(E);
    if (!I)
      return false;
    Out.push_back(*I);
  }
  return true;
}

// The fields every piece begins with, where it starts and what it reaches;
// the piece's array when it has them.
const json::Array *readPieceHead(const json::Value &V, Piece &P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() < 2 || !readIndexes((*A)[1], P.Reaches))
    return nullptr;
  std::optional<llvm::StringRef> After = (*A)[0].getAsString();
  if (After && !After->empty())
    P.After = After->str();
  else if ((*A)[0].kind() != json::Value::Null)
    return nullptr;
  return A;
}

json::Array messagesJSON(llvm::ArrayRef<crosstu::UnitMessage> Messages) {
  json::Array Out;
  for (const crosstu::UnitMessage &M : Messages)
    Out.push_back(toJSON(M));
  return Out;
}

bool readMessages(const json::Value &V, std::vector<crosstu::UnitMessage> &Out,
                  json::Path P) {
  return crosstu::readEach(
      V.getAsArray(), Out, P,
      [](const json::Value &M, crosstu::UnitMessage &Into, json::Path MP) {
        return crosstu::fromJSON(M, Into, MP);
      });
}

bool readFunctionPiece(const json::Value &V, Piece &P, json::Path Path) {
  const json::Array *A = readPieceHead(V, P);
  std::optional<bool> Returns =
      A && A->size() == 5 && (*A)[3].getAsArray() && (*A)[4].getAsArray()
          ? (*A)[2].getAsBoolean()
          : std::nullopt;
  if (!Returns) {
    Path.report("expected a piece of a function");
    return false;
  }
  P.Returns = *Returns;
  return readMessages((*A)[3], P.Why, Path.index(3)) &&
         readMessages((*A)[4], P.Call, Path.index(4));
}

} // namespace

bool wellFormed(llvm::ArrayRef<Piece> Pieces) {
  for (const Piece &P : Pieces)
    for (unsigned R : P.Reaches)
      if (R >= Pieces.size() || Pieces[R].isStart())
        return false;
  return true;
}

json::Value toJSON(const Function &F) {
  json::Array Pieces;
  for (const Piece &P : F.Pieces)
    Pieces.push_back(json::Array{afterJSON(P), indexes(P.Reaches), P.Returns,
                                 messagesJSON(P.Why), messagesJSON(P.Call)});
  return json::Array{json::fixUTF8(F.Name), std::move(Pieces)};
}

bool fromJSON(const json::Value &V, Function &F, json::Path P) {
  const json::Array *A = V.getAsArray();
  std::optional<llvm::StringRef> Name =
      A && A->size() == 2 ? (*A)[0].getAsString() : std::nullopt;
  const json::Array *Pieces = Name ? (*A)[1].getAsArray() : nullptr;
  F = Function();
  if (!Pieces || Name->empty()) {
    P.report("expected a function's pieces");
    return false;
  }
  F.Name = Name->str();
  for (size_t I = 0; I < Pieces->size(); ++I)
    if (!readFunctionPiece((*Pieces)[I], F.Pieces.emplace_back(), P.index(I)))
      return false;
  // Only the entry's piece starts where the function does.
  if (F.Pieces.empty() || !F.Pieces.front().isStart() ||
      llvm::count_if(F.Pieces, [](const Piece &X) { return X.isStart(); }) !=
          1 ||
      !wellFormed(F.Pieces)) {
    P.report("expected a function's pieces, its entry's first");
    return false;
  }
  return true;
}

json::Value childPieceJSON(const Piece &P) {
  json::Array A{afterJSON(P), indexes(P.Reaches), indexes(P.Findings)};
  if (!P.isStart())
    for (unsigned V : {P.UnsafeCall, P.ChainAt, P.ChainLen})
      A.push_back(int64_t(V));
  return A;
}

bool readChildPiece(const json::Value &V, Piece &P, json::Path Path) {
  const json::Array *A = readPieceHead(V, P);
  bool Read = A && A->size() == (P.isStart() ? 3u : 6u) &&
              readIndexes((*A)[2], P.Findings);
  if (Read && !P.isStart()) {
    std::optional<unsigned> Unsafe = crosstu::readIndex((*A)[3]),
                            ChainAt = crosstu::readIndex((*A)[4]),
                            ChainLen = crosstu::readIndex((*A)[5]);
    Read = Unsafe && ChainAt && ChainLen;
    P.UnsafeCall = Unsafe.value_or(0);
    P.ChainAt = ChainAt.value_or(0);
    P.ChainLen = ChainLen.value_or(0);
  }
  if (!Read)
    Path.report("expected a piece of a vfork child");
  return Read;
}

} // namespace durcheck::vfork
