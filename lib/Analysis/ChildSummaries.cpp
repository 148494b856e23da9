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

namespace {

using PieceStatus = llvm::function_ref<Status(unsigned Piece)>;

// walkPieces, with the status of the callee each piece starts after.
void walkNumbered(llvm::ArrayRef<Piece> Pieces, PieceStatus Callee,
                  llvm::function_ref<void(const Piece &)> Ran,
                  llvm::function_ref<void(const Piece &)> Unsafe) {
  std::vector<bool> Seen(Pieces.size());
  llvm::SmallVector<unsigned, 16> Work;
  for (unsigned I = 0; I < Pieces.size(); ++I)
    if (Pieces[I].isStart()) {
      Seen[I] = true;
      Work.push_back(I);
    }
  while (!Work.empty()) {
    const Piece &P = Pieces[Work.pop_back_val()];
    Ran(P);
    for (unsigned Next : P.Reaches) {
      Status S = Callee(Next);
      if (S == Status::Unsafe)
        Unsafe(Pieces[Next]);
      else if (S == Status::Returns && !Seen[Next]) {
        Seen[Next] = true;
        Work.push_back(Next);
      }
    }
  }
}

Status statusOfNumbered(llvm::ArrayRef<Piece> Pieces, PieceStatus Callee) {
  bool Violates = false, Returns = false;
  walkNumbered(
      Pieces, Callee,
      [&](const Piece &P) {
        Violates |= !P.Why.empty();
        Returns |= P.Returns;
      },
      [&](const Piece &) { Violates = true; });
  if (Violates)
    return Status::Unsafe;
  return Returns ? Status::Returns : Status::NeverReturns;
}

// Where the entries of each key begin in a list of them sorted by key, the
// key past the last ending them: Count(visit) calls visit(key) once per
// entry.
template <typename CountFn>
std::vector<unsigned> beginnings(unsigned Keys, CountFn Count) {
  std::vector<unsigned> At(Keys + 1, 0);
  Count([&](unsigned Key) { ++At[Key + 1]; });
  for (unsigned K = 0; K < Keys; ++K)
    At[K + 1] += At[K];
  return At;
}

} // namespace

void walkPieces(llvm::ArrayRef<Piece> Pieces, StatusOf Callee,
                llvm::function_ref<void(const Piece &)> Ran,
                llvm::function_ref<void(const Piece &)> Unsafe) {
  walkNumbered(
      Pieces, [&](unsigned I) { return Callee(Pieces[I].After); }, Ran, Unsafe);
}

Status statusOf(const Function &F, StatusOf Callee) {
  return statusOfNumbered(
      F.Pieces, [&](unsigned I) { return Callee(F.Pieces[I].After); });
}

unsigned Program::number(llvm::StringRef Name) {
  return Numbers.try_emplace(Name, Numbers.size()).first->second;
}

void Program::setUnit(unsigned U, llvm::ArrayRef<Function> Functions) {
  if (Units.size() <= U)
    Units.resize(U + 1);
  Units[U].clear();
  for (const Function &F : Functions) {
    Numbered N{&F, number(F.Name), {}};
    for (const Piece &P : F.Pieces)
      N.After.push_back(P.isStart() ? None : number(P.After));
    Units[U].push_back(std::move(N));
  }
}

// A worklist from the top: every defined function starts as safe and never
// returning, and a function is judged again when a callee's status drops.
void Program::solve() {
  std::vector<const Numbered *> All;
  std::vector<unsigned> UnitOf;
  for (unsigned U = 0; U < Units.size(); ++U)
    for (const Numbered &N : Units[U]) {
      All.push_back(&N);
      UnitOf.push_back(U);
    }
  unsigned Names = Numbers.size();
  // Definitions and callers, by name, in the order of the units.
  DefinitionsAt = beginnings(Names, [&](auto Visit) {
    for (const Numbered *N : All)
      Visit(N->Name);
  });
  std::vector<unsigned> DefinedBy(All.size());
  Definitions.assign(All.size(), {});
  std::vector<unsigned> Next(DefinitionsAt.begin(), DefinitionsAt.end() - 1);
  for (unsigned I = 0; I < All.size(); ++I) {
    unsigned At = Next[All[I]->Name]++;
    DefinedBy[At] = I;
    Definitions[At] = {All[I]->F, UnitOf[I]};
  }
  auto EachCall = [&](auto Visit) {
    for (unsigned I = 0; I < All.size(); ++I)
      for (unsigned Callee : All[I]->After)
        if (Callee != None)
          Visit(Callee, I);
  };
  std::vector<unsigned> CallersAt = beginnings(Names, [&](auto Visit) {
    EachCall([&](unsigned Callee, unsigned) { Visit(Callee); });
  });
  std::vector<unsigned> Callers(CallersAt.back());
  Next.assign(CallersAt.begin(), CallersAt.end() - 1);
  EachCall([&](unsigned Callee, unsigned I) { Callers[Next[Callee]++] = I; });

  Statuses.assign(Names, Status::Unsafe);
  for (const Numbered *N : All)
    Statuses[N->Name] = Status::NeverReturns;
  std::vector<Status> Value(All.size(), Status::NeverReturns);
  std::vector<unsigned> Work(All.size());
  for (unsigned I = 0; I < All.size(); ++I)
    Work[I] = All.size() - 1 - I;
  std::vector<bool> Queued(All.size(), true);
  while (!Work.empty()) {
    unsigned I = Work.back();
    Work.pop_back();
    Queued[I] = false;
    const Numbered &N = *All[I];
    // Pieces are read wellFormed, so a piece reached starts after a call;
    // were one not to, it would count as a call of a name nobody defines.
    Status V = statusOfNumbered(N.F->Pieces, [&](unsigned P) {
      return N.After[P] == None ? Status::Unsafe : Statuses[N.After[P]];
    });
    if (V == Value[I])
      continue;
    Value[I] = V;
    Status Best = Status::Unsafe;
    for (unsigned D = DefinitionsAt[N.Name]; D < DefinitionsAt[N.Name + 1]; ++D)
      Best = std::max(Best, Value[DefinedBy[D]]);
    if (Best == Statuses[N.Name])
      continue;
    Statuses[N.Name] = Best;
    for (unsigned C = CallersAt[N.Name]; C < CallersAt[N.Name + 1]; ++C)
      if (!Queued[Callers[C]]) {
        Queued[Callers[C]] = true;
        Work.push_back(Callers[C]);
      }
  }
}

Status Program::status(llvm::StringRef Name) const {
  auto It = Numbers.find(Name);
  return It == Numbers.end() || It->second >= Statuses.size()
             ? Status::Unsafe
             : Statuses[It->second];
}

llvm::ArrayRef<Program::Definition>
Program::definitions(llvm::StringRef Name) const {
  auto It = Numbers.find(Name);
  if (It == Numbers.end() || It->second + 1 >= DefinitionsAt.size())
    return {};
  return llvm::ArrayRef(Definitions)
      .slice(DefinitionsAt[It->second],
             DefinitionsAt[It->second + 1] - DefinitionsAt[It->second]);
}

//===-- JSON --------------------------------------------------------------===//

namespace {

json::Value afterJSON(const Piece &P) {
  return P.isStart() ? json::Value(nullptr) : json::fixUTF8(P.After);
}

json::Array indexes(llvm::ArrayRef<unsigned> Values) {
  return crosstu::arrayOf(Values, [](unsigned V) { return int64_t(V); });
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
  return crosstu::arrayOf(
      Messages, [](const crosstu::UnitMessage &M) { return toJSON(M); });
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
  json::Array Pieces = crosstu::arrayOf(F.Pieces, [](const Piece &P) {
    return json::Array{afterJSON(P), indexes(P.Reaches), P.Returns,
                       messagesJSON(P.Why), messagesJSON(P.Call)};
  });
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
  // Sized first: growing would copy the values it holds (see arrayOf).
  json::Array A;
  A.reserve(6);
  A.push_back(afterJSON(P));
  A.push_back(indexes(P.Reaches));
  A.push_back(indexes(P.Findings));
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
