//===- RenameObligations.cpp - Unsynced renames over a call graph ---------===//
//
// In the order of UninitializedValues, per function: the index map of the
// obligations, the per-block state, the transfer function, the worklist to
// a fixpoint and the verdict at the exit. Around it: the program's names
// and calls, and the bottom-up order over the call graph's components.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/RenameObligations.h"
#include "durcheck/Model/PathKey.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <numeric>

namespace durcheck::rename {

//===-- The program's names and calls -------------------------------------===//

std::string Program::qualify(llvm::StringRef Name, unsigned Unit) const {
  // Internal linkage: another unit's function of that name is another one.
  if (Name.starts_with("@"))
    return "@" + std::to_string(Unit) + "/" + Name.drop_front().str();
  return Name.str();
}

std::string Program::definitionKey(const FunctionGraph &G, unsigned Unit,
                                   llvm::ArrayRef<std::string> Files) const {
  std::string Where = G.Where.File < Files.size()
                          ? Files[G.Where.File]
                          : std::to_string(G.Where.File);
  return qualify(G.Name, Unit) + "@" + Where + ":" +
         std::to_string(G.Where.Offset);
}

unsigned Program::functionFor(const FunctionGraph &G, unsigned Unit,
                              llvm::ArrayRef<std::string> Files) {
  std::string Key = definitionKey(G, Unit, Files);
  auto [It, New] = Definitions.try_emplace(Key, Functions.size());
  if (New) {
    Keys.push_back(std::move(Key));
    Functions.emplace_back();
    Names.push_back(qualify(G.Name, Unit));
    Candidates.emplace_back();
    Calls.emplace_back();
    Callers.emplace_back();
  }
  return It->second;
}

llvm::DenseMap<unsigned, const FunctionGraph *>
Program::twins(unsigned Index, const UnitGraphs *Graphs,
               llvm::ArrayRef<std::string> Files) const {
  llvm::DenseMap<unsigned, const FunctionGraph *> Out;
  const UnitGraphs *Old = Units[Index].Graphs;
  // The unit's options change what its functions mean.
  if (!Old || !Graphs || Old->Creations != Graphs->Creations ||
      Old->RequireIntent != Graphs->RequireIntent ||
      Old->CPlusPlus17 != Graphs->CPlusPlus17 ||
      Old->DirSyncFunction != Graphs->DirSyncFunction)
    return Out;
  // An edit above a function moves it: its key changes, and its graph's
  // places, but the analysis reads none of them.
  auto Tested = [&](const Event &E, unsigned Arg) {
    return llvm::any_of(resolve(E.Target, Index), [&](unsigned C) {
      const FunctionGraph *Callee = Functions[C].Graph;
      return Callee && llvm::any_of(Callee->Guards, [&](const AccessPath &G) {
               return G.Root == AccessPath::Param && G.Index == Arg;
             });
    });
  };
  auto SameButPlaces = [&](const FunctionGraph &A, const FunctionGraph &B) {
    return A.PlacelessFingerprint &&
           A.PlacelessFingerprint == B.PlacelessFingerprint &&
           sameTestedConstants(A, B, Tested);
  };
  std::vector<std::string> NewKeys;
  for (const FunctionGraph &G : Graphs->Functions) {
    NewKeys.push_back(definitionKey(G, Index, Files));
    auto It = Definitions.find(NewKeys.back());
    if (It == Definitions.end() || Out.count(It->second))
      continue;
    // At its old place, or where another unit replaced this round has
    // moved it.
    for (const Candidate &C : Candidates[It->second])
      if (C.Unit == Index &&
          (sameGraph(*C.Graph, G) ||
           (Moved.count(It->second) && SameButPlaces(*C.Graph, G))))
        Out[It->second] = &G;
  }
  // A function whose key is gone, and which only the units replaced this
  // round define, is the twin of a new function of the same name and file
  // at a new key whose graph is the same but for places.
  auto Unplaced = [](llvm::StringRef Key) { return Key.rsplit(':').first; };
  llvm::StringSet<> Kept;
  for (const std::string &Key : NewKeys)
    Kept.insert(Key);
  auto Replaced = [&](const Candidate &C) {
    return C.Unit == Index || Replacing.count(C.Unit);
  };
  std::map<std::pair<std::string, uint64_t>,
           std::vector<std::pair<unsigned, const FunctionGraph *>>>
      Vanished;
  for (unsigned F : Units[Index].Defines) {
    auto Own = llvm::find_if(
        Candidates[F], [&](const Candidate &C) { return C.Unit == Index; });
    if (!Kept.count(Keys[F]) && Own != Candidates[F].end() &&
        llvm::all_of(Candidates[F], Replaced))
      Vanished[{Unplaced(Keys[F]).str(), Own->Graph->PlacelessFingerprint}]
          .push_back({F, Own->Graph});
  }
  if (Vanished.empty())
    return Out;
  for (size_t I = 0; I < NewKeys.size(); ++I) {
    const FunctionGraph &G = Graphs->Functions[I];
    const std::string &Key = NewKeys[I];
    auto It = Definitions.find(Key);
    if (It != Definitions.end() && !Candidates[It->second].empty())
      continue;
    auto From = Vanished.find({Unplaced(Key).str(), G.PlacelessFingerprint});
    if (From == Vanished.end())
      continue;
    auto &Left = From->second;
    auto Twin = llvm::find_if(
        Left, [&](const auto &Old) { return SameButPlaces(*Old.second, G); });
    if (Twin == Left.end())
      continue;
    Out[Twin->first] = &G;
    Left.erase(Twin);
  }
  return Out;
}

void Program::setOverrides(unsigned F, bool Add) {
  for (const std::string &Base : Functions[F].Graph->Overrides) {
    std::string Key = qualify(Base, Functions[F].Unit);
    std::vector<unsigned> &Of = Overriders[Key];
    if (Add)
      Of.push_back(F);
    else
      llvm::erase(Of, F);
    TouchedNames.insert(Key);
  }
}

void Program::pickGraph(unsigned F) {
  Function Now;
  if (!Candidates[F].empty())
    Now = {Candidates[F].front().Graph, Candidates[F].front().Unit};
  if (Now.Graph == Functions[F].Graph)
    return;
  bool WasDefined = Functions[F].Graph;
  if (WasDefined)
    setOverrides(F, false);
  Functions[F] = Now;
  if (Now.Graph)
    setOverrides(F, true);
  if (WasDefined != bool(Now.Graph)) {
    std::vector<unsigned> &Same = ByName[Names[F]];
    if (Now.Graph)
      Same.insert(llvm::lower_bound(Same, F), F);
    else
      llvm::erase(Same, F);
    TouchedNames.insert(Names[F]);
  }
  Regraphed.insert(F);
}

void Program::setUnit(unsigned Index, const UnitGraphs *Graphs,
                      llvm::ArrayRef<std::string> Files) {
  if (Index >= Units.size())
    Units.resize(Index + 1);
  // A function whose new graph is its old one's twin keeps all that was
  // derived from it: a save that changes one function of a unit analyses
  // that one again, not the unit's recursions through the whole program.
  llvm::DenseMap<unsigned, const FunctionGraph *> Twins =
      twins(Index, Graphs, Files);
  UnitEntry &U = Units[Index];
  for (unsigned F : U.Defines) {
    auto Twin = Twins.find(F);
    for (Candidate &C : Candidates[F])
      if (C.Unit == Index && Twin != Twins.end())
        C.Graph = Twin->second;
    if (Twin == Twins.end()) {
      llvm::erase_if(Candidates[F],
                     [&](const Candidate &C) { return C.Unit == Index; });
      pickGraph(F);
      continue;
    }
    if (Candidates[F].front().Unit == Index) {
      Functions[F].Graph = Twin->second;
      Repointed.insert(F);
    }
    // A moved function keeps its number at its new place.
    std::string Key = definitionKey(*Twin->second, Index, Files);
    if (Key != Keys[F]) {
      Definitions.erase(Keys[F]);
      Definitions[Key] = F;
      Keys[F] = std::move(Key);
      Moved.insert(F);
    }
  }
  for (const std::string &Slot : U.StoresInto) {
    llvm::erase_if(Stores[Slot],
                   [&](const Stored &S) { return S.Unit == Index; });
    TouchedSlots.insert(Slot);
  }
  U = UnitEntry();
  U.Graphs = Graphs;
  if (!Graphs)
    return;
  for (const FunctionGraph &G : Graphs->Functions) {
    unsigned F = functionFor(G, Index, Files);
    if (auto Twin = Twins.find(F); Twin != Twins.end() && Twin->second == &G) {
      U.Defines.push_back(F);
      continue;
    }
    auto &Of = Candidates[F];
    auto At = llvm::partition_point(
        Of, [&](const Candidate &C) { return C.Unit < Index; });
    // A unit defines a function once: the first definition stands.
    if (At != Of.end() && At->Unit == Index)
      continue;
    Of.insert(At, {Index, &G});
    U.Defines.push_back(F);
    pickGraph(F);
  }
  for (const SlotStore &S : Graphs->Slots) {
    std::string Slot = qualify(S.Slot, Index);
    std::string Name = qualify(S.Function, Index);
    StoredIn[Name].insert(Slot);
    Stores[Slot].push_back({Index, std::move(Name), S.Library});
    TouchedSlots.insert(Slot);
    U.StoresInto.push_back(std::move(Slot));
  }
}

std::vector<unsigned> Program::resolve(const Callee &C, unsigned Unit,
                                       bool *RunsNothing) const {
  // Most names have external linkage and need no copy to be looked up.
  std::string Qualified;
  llvm::StringRef Name = C.Name;
  if (Name.starts_with("@"))
    Name = Qualified = qualify(C.Name, Unit);
  std::vector<unsigned> Out;
  auto AddNamed = [&](llvm::StringRef Of) {
    if (auto It = ByName.find(Of); It != ByName.end())
      llvm::append_range(Out, It->second);
  };
  switch (C.Kind) {
  case Callee::Direct:
    AddNamed(Name);
    break;
  case Callee::Virtual:
    AddNamed(Name);
    if (auto It = Overriders.find(Name); It != Overriders.end())
      llvm::append_range(Out, It->second);
    break;
  case Callee::Slot:
    // Whatever any unit stores into the slot, in whichever order the units
    // come. A function of the project with no graph is one in which
    // nothing matters, as at a direct call of it.
    if (auto It = Stores.find(Name); It != Stores.end())
      for (const Stored &S : It->second) {
        size_t Before = Out.size();
        AddNamed(S.Name);
        if (RunsNothing && Out.size() == Before && !S.Library)
          *RunsNothing = true;
      }
    break;
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

Program::Links Program::linksOf(unsigned F) {
  Links Out;
  if (!Functions[F].Graph)
    return Out;
  unsigned Unit = Functions[F].Unit;
  for (const Block &B : Functions[F].Graph->Blocks)
    for (const Event &E : B.Events)
      if (E.Kind == EventKind::Call) {
        auto &Named = E.Target.Kind == Callee::Slot ? SlotCallers : NameCallers;
        if (llvm::StringRef(E.Target.Name).starts_with("@"))
          Named[qualify(E.Target.Name, Unit)].insert(F);
        else
          Named[E.Target.Name].insert(F);
        bool RunsNothing = false;
        std::vector<unsigned> Targets = resolve(E.Target, Unit, &RunsNothing);
        // Most calls reach nothing the program defines: callees() finds
        // no entry for them.
        if (Targets.empty())
          continue;
        Out.Calls.push_back({&E, unsigned(Out.Targets.size()),
                             unsigned(Out.Targets.size() + Targets.size()),
                             RunsNothing});
        llvm::append_range(Out.Targets, Targets);
      }
  Out.ByEvent.resize(Out.Calls.size());
  std::iota(Out.ByEvent.begin(), Out.ByEvent.end(), 0);
  llvm::sort(Out.ByEvent, [&](unsigned A, unsigned B) {
    return Out.Calls[A].E < Out.Calls[B].E;
  });
  return Out;
}

void Program::relink(unsigned F, std::vector<bool> &IsChanged) {
  Links New = linksOf(F);
  bool Same = New.sameTargets(Calls[F]);
  auto Distinct = [](const Links &L) {
    std::vector<unsigned> T = L.Targets;
    llvm::sort(T);
    T.erase(std::unique(T.begin(), T.end()), T.end());
    return T;
  };
  if (!Same) {
    // Whether a function is called at all decides where an obligation is
    // reported: a callee that gains or loses its last caller changes too.
    for (unsigned T : Distinct(Calls[F])) {
      llvm::erase(Callers[T], F);
      if (Callers[T].empty())
        IsChanged[T] = true;
    }
    for (unsigned T : Distinct(New)) {
      if (Callers[T].empty())
        IsChanged[T] = true;
      Callers[T].insert(llvm::lower_bound(Callers[T], F), F);
    }
  }
  // A twin's calls are other events.
  Calls[F] = std::move(New);
  if (!Same || Regraphed.count(F))
    IsChanged[F] = true;
  if (!Regraphed.count(F))
    return;
  Shape Now;
  if (const FunctionGraph *G = Functions[F].Graph)
    Now = {true, G->Guards, G->Display};
  if (!(Now == Shapes[F])) {
    Reshaped[F] = true;
    Shapes[F] = std::move(Now);
  }
}

void Program::link() {
  for (const auto &Name : TouchedNames)
    if (auto It = StoredIn.find(Name.getKey()); It != StoredIn.end())
      for (const auto &Slot : It->second)
        TouchedSlots.insert(Slot.getKey());
  std::vector<unsigned> Relink(Regraphed.begin(), Regraphed.end());
  Relink.insert(Relink.end(), Repointed.begin(), Repointed.end());
  auto AddCallers = [&](const llvm::StringMap<llvm::DenseSet<unsigned>> &Of,
                        const llvm::StringSet<> &Touched) {
    for (const auto &Key : Touched)
      if (auto It = Of.find(Key.getKey()); It != Of.end())
        Relink.insert(Relink.end(), It->second.begin(), It->second.end());
  };
  AddCallers(NameCallers, TouchedNames);
  AddCallers(SlotCallers, TouchedSlots);
  llvm::sort(Relink);
  Relink.erase(std::unique(Relink.begin(), Relink.end()), Relink.end());
  std::vector<bool> IsChanged(Functions.size(), false);
  Reshaped.assign(Functions.size(), false);
  Shapes.resize(Functions.size());
  for (unsigned F : Relink)
    relink(F, IsChanged);
  Changed.clear();
  for (unsigned F = 0; F < Functions.size(); ++F)
    if (IsChanged[F])
      Changed.push_back(F);
  Regraphed.clear();
  Repointed.clear();
  Moved.clear();
  Replacing.clear();
  TouchedNames.clear();
  TouchedSlots.clear();
}

const Program::Links::Call *Program::linkOf(unsigned Caller,
                                            const Event &Call) const {
  const Links &L = Calls[Caller];
  auto It = llvm::partition_point(
      L.ByEvent, [&](unsigned C) { return L.Calls[C].E < &Call; });
  if (It == L.ByEvent.end() || L.Calls[*It].E != &Call)
    return nullptr;
  return &L.Calls[*It];
}

llvm::ArrayRef<unsigned> Program::callees(unsigned Caller,
                                          const Event &Call) const {
  const Links::Call *C = linkOf(Caller, Call);
  if (!C)
    return {};
  return llvm::ArrayRef(Calls[Caller].Targets)
      .slice(C->Begin, C->End - C->Begin);
}

bool Program::mayRunNothing(unsigned Caller, const Event &Call) const {
  const Links::Call *C = linkOf(Caller, Call);
  return C && C->RunsNothing;
}

namespace {

constexpr unsigned MaxGuards = 3;
constexpr unsigned MaxFields = 4;
constexpr unsigned MaxLeaves = 16;
constexpr unsigned MaxIntents = 16;
/// How many levels of internal callers an obligation with intent is passed
/// through before it is reported where the intent is.
constexpr unsigned MaxCallerDepth = 3;
/// Rounds over a recursive component before its summaries are taken.
constexpr unsigned MaxRounds = 8;

/// A set of valuations of a function's guards: bit w stands for the
/// valuation whose guard j has the value of bit j of w.
using Mask = uint8_t;

// A creation writes its file too: graphs that record creations say Create
// where the others say Write, and the rename analysis reads both the same.
bool writesFile(const Event &E) {
  return (E.Kind == EventKind::Write || E.Kind == EventKind::Create) &&
         !E.Args.empty();
}

unsigned guardCount(const FunctionGraph &G) {
  return std::min<unsigned>(G.Guards.size(), MaxGuards);
}

/// Where an obligation is reported when the callers do not discharge it.
using ReportSite = UnsyncedRename;

// Two sites are the same when they report at the same anchor.
std::pair<int, unsigned> siteKey(const std::shared_ptr<const ReportSite> &S) {
  return S ? std::make_pair(int(S->Function), S->Anchor)
           : std::make_pair(-1, 0u);
}

/// An obligation a function leaves to its callers.
struct LeftObligation {
  SpelledValue Source, Destination;
  /// From this function's rename or call down to the rename.
  std::vector<Hop> Chain;
  /// Set when intent was shown below: the callers may only discharge it.
  std::shared_ptr<const ReportSite> Intent;
  unsigned Depth = 0;
  Mask When = 0;
};

struct Summary {
  std::vector<LeftObligation> Leaves;
  Mask Discharges = 0;
  /// The one directory its directory syncs name, in its own terms; none
  /// where any directory may be the one synced.
  std::optional<SyncedDirectory> Directory;
  Mask NeverReturns = 0;
  /// The files it writes or syncs, in its callers' terms; second: a sync.
  std::vector<std::pair<AccessPath, bool>> Intents;
  bool SyncsData = false;
  /// In the creation analysis: the files it renames or unlinks, in its
  /// callers' terms.
  std::vector<AccessPath> Ends;

  bool operator==(const Summary &O) const {
    auto Key = [](const LeftObligation &L) {
      return std::make_tuple(L.Source.Value, L.Destination.Value,
                             siteKey(L.Intent), L.Depth, L.When);
    };
    return Discharges == O.Discharges && Directory == O.Directory &&
           NeverReturns == O.NeverReturns && SyncsData == O.SyncsData &&
           Intents == O.Intents && Ends == O.Ends &&
           Leaves.size() == O.Leaves.size() &&
           llvm::all_of(llvm::zip(Leaves, O.Leaves), [&](const auto &Pair) {
             return Key(std::get<0>(Pair)) == Key(std::get<1>(Pair));
           });
  }
};

AccessPath bounded(AccessPath P) {
  if (P.Fields.size() > MaxFields)
    P = AccessPath();
  return P;
}

SpelledValue bounded(SpelledValue V) {
  V.Value = bounded(std::move(V.Value));
  return V;
}

//===-- Which directory a sync makes durable ------------------------------===//

// Whether a sync of Dir may make File durable, where a rename or creation
// put it: it may, unless both are literal paths of two directories. A
// file named relative to a directory fd (renameat) is somewhere else.
bool maySyncParent(const SyncedDirectory &Dir, const AccessPath &File,
                   bool RelativeToFd) {
  const AccessPath &Synced = Dir.Value.Value;
  if (RelativeToFd || Synced.Root != AccessPath::Literal ||
      !Synced.Fields.empty() || File.Root != AccessPath::Literal ||
      !File.Fields.empty())
    return true;
  std::optional<std::string> SyncedDir =
      model::literalDirectory(Synced.Name, Dir.ParentOf);
  std::optional<std::string> FileDir =
      model::literalDirectory(File.Name, /*Parent=*/true);
  return !SyncedDir || !FileDir ||
         model::maySameDirectory(*SyncedDir, *FileDir);
}

// The directory every function a call may run syncs, in the caller's
// terms; none where they sync several, or one the caller cannot name.
std::optional<SyncedDirectory>
directoryAtCall(const std::vector<Summary> &Summaries, const Event &Call,
                llvm::ArrayRef<unsigned> Targets) {
  std::optional<SyncedDirectory> Out;
  for (unsigned C : Targets) {
    const std::optional<SyncedDirectory> &Dir = Summaries[C].Directory;
    if (!Dir)
      return std::nullopt;
    SyncedDirectory Mapped{mapToCaller(Dir->Value, Call.Args, Call.Object),
                           Dir->ParentOf};
    if (!Mapped.Value.Value.known() || (Out && !(*Out == Mapped)))
      return std::nullopt;
    Out = std::move(Mapped);
  }
  return Out;
}

//===-- Guards at a call --------------------------------------------------===//

// What a callee's guard is at a call, under the caller's valuation: a
// constant argument, or a guard of the caller; nullopt when unknown.
std::optional<bool> guardAtCall(const AccessPath &Guard, const Event &Call,
                                const FunctionGraph &Caller, unsigned V) {
  // A parameter, or a bit of one (`flags & MUST_SYNC`), passed a constant.
  std::optional<uint64_t> Mask;
  uint64_t Bits = 0;
  if (Guard.Fields.size() == 1 &&
      llvm::StringRef(Guard.Fields[0].Id).consume_front("&") &&
      !llvm::StringRef(Guard.Fields[0].Id).drop_front().getAsInteger(0, Bits))
    Mask = Bits;
  if (Guard.Root == AccessPath::Param && (Guard.Fields.empty() || Mask) &&
      Guard.Index < Call.Constants.size() && Call.Constants[Guard.Index])
    return (uint64_t(*Call.Constants[Guard.Index]) & Mask.value_or(~0ull)) != 0;
  AccessPath Mapped = Guard;
  if (Guard.Root == AccessPath::Param || Guard.Root == AccessPath::This)
    Mapped = mapPathToCaller(Guard, Call.Args, Call.Object);
  if (!Mapped.known())
    return std::nullopt;
  for (unsigned I = 0; I < guardCount(Caller); ++I)
    if (Caller.Guards[I] == Mapped)
      return bool(V >> I & 1);
  return std::nullopt;
}

// The valuations of the callee's guards that may hold at the call.
Mask possibleAtCall(const FunctionGraph &Callee, const Event &Call,
                    const FunctionGraph &Caller, unsigned V) {
  unsigned K = guardCount(Callee);
  if (K == 0)
    return 1;
  std::array<std::optional<bool>, MaxGuards> Known;
  for (unsigned J = 0; J < K; ++J)
    Known[J] = guardAtCall(Callee.Guards[J], Call, Caller, V);
  Mask M = 0;
  for (unsigned W = 0; W < (1u << K); ++W)
    if (llvm::all_of(llvm::seq(0u, K), [&](unsigned J) {
          return !Known[J] || *Known[J] == bool(W >> J & 1);
        }))
      M |= Mask(1u << W);
  return M;
}

//===-- One function ------------------------------------------------------===//

// An obligation pending in the function being analysed.
struct Pending {
  SpelledValue Source, Destination;
  std::optional<SpelledValue> DirFd;
  std::optional<int64_t> DirFdConstant;
  bool ViaCall = false;
  std::string Via;
  unsigned Anchor = 0;
  std::vector<Hop> Chain;
  std::shared_ptr<const ReportSite> Intent;
  unsigned Depth = 0;
  /// The event that renames, or calls the function that does.
  unsigned Block = 0, Event = 0;
};

// Whether O's destination is named relative to a directory fd.
bool relativeToFd(const Pending &O) {
  return O.DirFd && O.DirFdConstant != model::AtFdCwd;
}

class FunctionAnalysis {
public:
  /// Creations: whether the obligations are those of new files rather
  /// than of renames.
  FunctionAnalysis(const Program &P, const std::vector<Summary> &Summaries,
                   unsigned Fn, bool Creations)
      : P(P), Summaries(Summaries), Fn(Fn), G(*P.functions()[Fn].Graph),
        RequireIntent(P.unit(P.functions()[Fn].Unit).RequireIntent),
        Creations(Creations) {}

  /// The function's summary; its findings go to Found when given.
  Summary run(std::vector<ReportSite> *Found);

  /// Whether no obligation can be pending in the function under any
  /// valuation: no event of its own makes one, and no callee leaves one.
  bool nothingPending() const;
  /// The summary run would give when nothing is pending, with the paths
  /// -- which sync a directory and which never return -- and the intents
  /// taken from Paths, another analysis's summary of the function: they do
  /// not depend on the kind of obligation.
  Summary summaryWithPaths(const Summary &Paths) const;

private:
  //===-- Index map: the obligations each event creates -------------------//
  void indexObligations(unsigned V);
  std::optional<Pending> ownObligation(const Event &E) const;
  void addPending(unsigned Block, unsigned Event, Pending P);

  //===-- Transfer ---------------------------------------------------------//
  /// Applies a block; false when its path ends in a call that never
  /// returns.
  bool apply(unsigned Block, unsigned V, llvm::BitVector &S) const;
  bool applyEdge(const Edge &E, unsigned V, llvm::BitVector &S) const;
  /// What a call's targets do to the obligations pending at it, under
  /// the valuation V.
  struct CallEffect {
    bool Discharges = false;
    /// The directory it syncs, in this function's terms; none: any.
    std::optional<SyncedDirectory> Directory;
    bool NeverReturns = false;
    /// The files it renames or unlinks, in this function's terms.
    std::vector<AccessPath> Ends;
  };
  CallEffect callEffect(const Event &Call, unsigned V) const;
  /// Ends the obligations of the new file File, renamed or unlinked.
  void endCreation(const AccessPath &File, llvm::BitVector &S) const;
  /// Ends the obligations a sync of Dir (none: any directory) may pay.
  void discharge(const std::optional<SyncedDirectory> &Dir,
                 llvm::BitVector &S) const;
  /// A sync after O's event, on some path, of a directory that is not the
  /// one O's destination is in.
  std::optional<OtherDirectory> otherDirectorySynced(const Pending &O) const;

  //===-- Verdict ----------------------------------------------------------//
  bool showsIntent(const Pending &O, const std::vector<bool> &Reachable) const;
  std::vector<bool> blocksAround(const Pending &O, bool Forward) const;
  /// Reports O, or leaves it to the callers; true when it had intent.
  /// Leaves: the block it leaves the function from.
  bool judge(const Pending &O, unsigned Leaves, unsigned V, Summary &Out,
             std::vector<ReportSite> *Found) const;
  void summariseIntents(Summary &Out) const;
  void summariseDirectory(Summary &Out) const;
  /// In the creation analysis: the files it renames or unlinks.
  void summariseEnds(Summary &Out) const;

  const Program &P;
  const std::vector<Summary> &Summaries;
  const unsigned Fn;
  const FunctionGraph &G;
  const bool RequireIntent;
  const bool Creations;

  /// Bit 0 stands for an obligation planted at the entry: whether it
  /// reaches the exit tells whether the function discharges its caller's.
  std::vector<Pending> Table;
  std::map<std::pair<unsigned, unsigned>, std::vector<unsigned>> Created;
  /// Each call's effect under the valuation being solved: the worklist
  /// applies a block many times.
  llvm::DenseMap<const Event *, CallEffect> Effects;
  /// The blocks some path reaches under the valuation being judged.
  std::vector<bool> Reachable;
};

void FunctionAnalysis::addPending(unsigned Block, unsigned Event, Pending New) {
  New.Block = Block;
  New.Event = Event;
  New.Source = bounded(std::move(New.Source));
  New.Destination = bounded(std::move(New.Destination));
  std::vector<unsigned> &Here = Created[{Block, Event}];
  for (unsigned I : Here)
    if (Table[I].Source.Value == New.Source.Value &&
        Table[I].Destination.Value == New.Destination.Value &&
        siteKey(Table[I].Intent) == siteKey(New.Intent))
      return;
  Here.push_back(Table.size());
  Table.push_back(std::move(New));
}

// A rename's obligation; in the creation analysis a creation's instead,
// whose file stands for both ends and whose openat fd is its directory.
std::optional<Pending> FunctionAnalysis::ownObligation(const Event &E) const {
  EventKind Kind = Creations ? EventKind::Create : EventKind::Rename;
  unsigned Ends = Creations ? 1 : 2;
  if (E.Kind != Kind || E.Args.size() < Ends)
    return std::nullopt;
  Pending O;
  O.Source = E.Args[0];
  O.Destination = E.Args[Ends - 1];
  if (E.Args.size() > Ends) {
    O.DirFd = E.Args[Ends];
    if (E.Constants.size() > Ends)
      O.DirFdConstant = E.Constants[Ends];
  }
  O.Anchor = unsigned(std::max(E.Anchor, 0));
  O.Chain.push_back({Fn, O.Anchor, E.Args[0].Spelled,
                     Creations ? Spelling() : E.Args[1].Spelled});
  return O;
}

bool FunctionAnalysis::nothingPending() const {
  for (const Block &B : G.Blocks)
    for (const Event &E : B.Events) {
      if (ownObligation(E))
        return false;
      if (E.Kind == EventKind::Call)
        for (unsigned C : P.callees(Fn, E))
          if (!Summaries[C].Leaves.empty())
            return false;
    }
  return true;
}

Summary FunctionAnalysis::summaryWithPaths(const Summary &Paths) const {
  Summary Out;
  Out.Intents = Paths.Intents;
  Out.SyncsData = Paths.SyncsData;
  if (Creations)
    summariseEnds(Out);
  Out.Discharges = Paths.Discharges;
  Out.Directory = Paths.Directory;
  Out.NeverReturns = Paths.NeverReturns;
  return Out;
}

void FunctionAnalysis::indexObligations(unsigned V) {
  Table.assign(1, Pending());
  Created.clear();
  Effects.clear();
  for (unsigned B = 0; B < G.Blocks.size(); ++B)
    for (unsigned I = 0; I < G.Blocks[B].Events.size(); ++I) {
      const Event &E = G.Blocks[B].Events[I];
      if (std::optional<Pending> O = ownObligation(E)) {
        addPending(B, I, std::move(*O));
        continue;
      }
      if (E.Kind != EventKind::Call)
        continue;
      // A call that does none of these is passed through as no entry.
      if (CallEffect Effect = callEffect(E, V);
          Effect.Discharges || Effect.NeverReturns || !Effect.Ends.empty())
        Effects[&E] = std::move(Effect);
      for (unsigned C : P.callees(Fn, E)) {
        if (Summaries[C].Leaves.empty())
          continue;
        const FunctionGraph &Callee = *P.functions()[C].Graph;
        Mask Possible = possibleAtCall(Callee, E, G, V);
        for (const LeftObligation &L : Summaries[C].Leaves) {
          if (!(L.When & Possible))
            continue;
          Pending O;
          O.Source = mapToCaller(L.Source, E.Args, E.Object);
          O.Destination = mapToCaller(L.Destination, E.Args, E.Object);
          O.ViaCall = true;
          O.Via = E.Target.Display.empty() ? Callee.Display : E.Target.Display;
          O.Anchor = unsigned(std::max(E.Anchor, 0));
          O.Chain.push_back({Fn, O.Anchor, O.Source.Spelled,
                             Creations ? Spelling() : O.Destination.Spelled});
          llvm::append_range(O.Chain, L.Chain);
          O.Intent = L.Intent;
          O.Depth = L.Depth;
          addPending(B, I, std::move(O));
        }
      }
    }
}

FunctionAnalysis::CallEffect FunctionAnalysis::callEffect(const Event &Call,
                                                          unsigned V) const {
  llvm::ArrayRef<unsigned> Targets = P.callees(Fn, Call);
  CallEffect Out;
  if (Targets.empty())
    return Out;
  // Every function the call may run must sync: one override that does not
  // leaves the rename unsynced.
  Out.Discharges = Out.NeverReturns = true;
  for (unsigned C : Targets) {
    Mask Possible = possibleAtCall(*P.functions()[C].Graph, Call, G, V);
    Out.Discharges &= (Possible & ~Summaries[C].Discharges) == 0;
    Out.NeverReturns &= (Possible & ~Summaries[C].NeverReturns) == 0;
    for (const AccessPath &File : Summaries[C].Ends)
      Out.Ends.push_back(mapPathToCaller(File, Call.Args, Call.Object));
  }
  if (P.mayRunNothing(Fn, Call))
    Out.Discharges = Out.NeverReturns = false;
  if (Out.Discharges)
    Out.Directory = directoryAtCall(Summaries, Call, Targets);
  return Out;
}

void FunctionAnalysis::endCreation(const AccessPath &File,
                                   llvm::BitVector &S) const {
  if (!File.known())
    return;
  for (unsigned Bit : S.set_bits())
    if (Table[Bit].Source.Value == File)
      S.reset(Bit);
}

bool FunctionAnalysis::apply(unsigned Block, unsigned V,
                             llvm::BitVector &S) const {
  const std::vector<Event> &Events = G.Blocks[Block].Events;
  for (unsigned I = 0; I < Events.size(); ++I) {
    const Event &E = Events[I];
    switch (E.Kind) {
    case EventKind::DirSync:
      discharge(E.Directory, S);
      break;
    case EventKind::FdSync:
      // fsync of the directory fd a renameat moved the file into.
      if (!E.Args.empty() && E.Args[0].Value.known())
        for (unsigned Bit : S.set_bits())
          if (Table[Bit].DirFd && Table[Bit].DirFd->Value == E.Args[0].Value)
            S.reset(Bit);
      break;
    case EventKind::Call: {
      auto It = Effects.find(&E);
      if (It == Effects.end())
        break;
      if (It->second.Discharges)
        discharge(It->second.Directory, S);
      for (const AccessPath &File : It->second.Ends)
        endCreation(File, S);
      break;
    }
    case EventKind::Rename:
    case EventKind::Remove:
      // A new file renamed is the rename check's; one unlinked is gone.
      if (Creations && !E.Args.empty())
        endCreation(E.Args[0].Value, S);
      break;
    case EventKind::Write:
    case EventKind::Create:
      break;
    }
    if (auto It = Created.find({Block, I}); It != Created.end())
      for (unsigned Bit : It->second)
        S.set(Bit);
    if (E.Kind == EventKind::Call && Effects.lookup(&E).NeverReturns)
      return false;
  }
  return true;
}

void FunctionAnalysis::discharge(const std::optional<SyncedDirectory> &Dir,
                                 llvm::BitVector &S) const {
  if (!Dir) {
    S.reset();
    return;
  }
  for (unsigned Bit : S.set_bits())
    if (maySyncParent(*Dir, Table[Bit].Destination.Value,
                      relativeToFd(Table[Bit])))
      S.reset(Bit);
}

std::optional<OtherDirectory>
FunctionAnalysis::otherDirectorySynced(const Pending &O) const {
  std::vector<bool> After = blocksAround(O, /*Forward=*/true);
  for (unsigned B = 0; B < G.Blocks.size(); ++B)
    for (unsigned I = 0; I < G.Blocks[B].Events.size(); ++I) {
      if (!After[B] && !(B == O.Block && I > O.Event))
        continue;
      const Event &E = G.Blocks[B].Events[I];
      std::optional<SyncedDirectory> Dir;
      if (E.Kind == EventKind::DirSync)
        Dir = E.Directory;
      else if (auto It = Effects.find(&E);
               It != Effects.end() && It->second.Discharges)
        Dir = It->second.Directory;
      if (Dir && E.Anchor >= 0 &&
          !maySyncParent(*Dir, O.Destination.Value, relativeToFd(O)))
        return OtherDirectory{Fn, unsigned(E.Anchor), std::move(*Dir)};
    }
  return std::nullopt;
}

bool FunctionAnalysis::applyEdge(const Edge &E, unsigned V,
                                 llvm::BitVector &S) const {
  if (E.Guard && E.Guard->Guard < guardCount(G) &&
      bool(V >> E.Guard->Guard & 1) != E.Guard->Value)
    return false;
  // A failure edge is an error path: the caller learns of the failure.
  if (E.Failure)
    S.reset();
  return true;
}

// Whether an fsync may be of the file: the file its fd was opened from,
// the object that holds the fd (lk->fd), or, for a bare fd whose file the
// function cannot tell, any file.
template <typename MatchFn>
static bool syncsFileOf(const Event &Sync, MatchFn Matches) {
  if (Sync.Args.size() > 1)
    return Matches(Sync.Args[1].Value);
  // A result file leaves out an fd no value names (fileno(f)).
  if (Sync.Args.empty())
    return true;
  const AccessPath &Fd = Sync.Args[0].Value;
  return Fd.Fields.empty() || Matches(Fd);
}

// The blocks from which some path reaches O's event (Forward: that some
// path reaches from it), the event's own block only through a loop.
std::vector<bool> FunctionAnalysis::blocksAround(const Pending &O,
                                                 bool Forward) const {
  std::vector<std::vector<unsigned>> Next(G.Blocks.size());
  for (unsigned B = 0; B < G.Blocks.size(); ++B)
    for (const Edge &E : G.Blocks[B].Succs)
      if (E.To < G.Blocks.size())
        (Forward ? Next[B] : Next[E.To]).push_back(Forward ? E.To : B);
  std::vector<bool> Seen(G.Blocks.size());
  std::vector<unsigned> Work(Next[O.Block]);
  while (!Work.empty()) {
    unsigned B = Work.back();
    Work.pop_back();
    if (Seen[B])
      continue;
    Seen[B] = true;
    llvm::append_range(Work, Next[B]);
  }
  return Seen;
}

bool FunctionAnalysis::showsIntent(const Pending &O,
                                   const std::vector<bool> &Reachable) const {
  if (!RequireIntent)
    return true;
  // For a rename of its own, a function shows intent by syncing any file,
  // or by writing the source; for one through a call, by writing or
  // syncing that file, or a handle to it.
  auto Matches = [&](const AccessPath &File) {
    if (!O.ViaCall)
      return File.known() && File == O.Source.Value;
    return File.sameFileOrHandle(O.Source.Value) ||
           File.sameFileOrHandle(O.Destination.Value);
  };
  bool AnySync = false, ReachedSync = false, Writes = false;
  // A write after the rename writes a new file under the old name: it says
  // nothing of the data the rename published. A sync may come after it.
  // A new file's own sync shows intent only after the creation: one before
  // it syncs an earlier file of that name.
  std::vector<bool> Before = blocksAround(O, /*Forward=*/false);
  std::vector<bool> After =
      Creations ? blocksAround(O, /*Forward=*/true) : std::vector<bool>();
  for (unsigned B = 0; B < G.Blocks.size(); ++B)
    for (unsigned I = 0; I < G.Blocks[B].Events.size(); ++I) {
      const Event &E = G.Blocks[B].Events[I];
      bool Reached = Reachable[B];
      bool WrittenBefore =
          Reached && (Before[B] || (B == O.Block && I < O.Event));
      if (Creations && !After[B] && !(B == O.Block && I > O.Event))
        continue;
      if (E.Kind == EventKind::FdSync) {
        // A new file shows intent by the sync of its own data.
        if ((!O.ViaCall && !Creations) || syncsFileOf(E, Matches)) {
          AnySync = true;
          ReachedSync |= Reached;
        }
      } else if (writesFile(E)) {
        Writes |= WrittenBefore && Matches(E.Args[0].Value);
      } else if (E.Kind == EventKind::Call) {
        // A helper that syncs or writes shows the intent when it is handed
        // the file: one that syncs some other file, such as a manifest,
        // says nothing of this rename.
        for (unsigned C : P.callees(Fn, E)) {
          const Summary &S = Summaries[C];
          // A new file needs the sync of that file: a helper that syncs
          // something, perhaps only under a flag, is not enough.
          bool HandedFile = !Creations && S.SyncsData &&
                            llvm::any_of(E.Args, [&](const auto &A) {
                              return Matches(A.Value);
                            });
          for (const auto &[File, IsSync] : S.Intents) {
            AccessPath Mapped = mapPathToCaller(File, E.Args, E.Object);
            // An fd handed to a helper that fsyncs its parameter,
            // sync_and_close(fd): the file cannot be told here, as for a
            // bare fsync(fd). A number argument names nothing.
            if (Creations && IsSync && File.Root == AccessPath::Param &&
                File.Fields.empty() &&
                (!Mapped.known() ||
                 (Mapped.Root == AccessPath::Local && Mapped.Fields.empty())))
              HandedFile = true;
            if (!Matches(Mapped))
              continue;
            Writes |= WrittenBefore;
            HandedFile |= IsSync;
          }
          if (HandedFile) {
            AnySync = true;
            ReachedSync |= Reached;
          }
        }
      }
    }
  // A data sync the paths to here skip, by a flag, marks them as a mode
  // that does not want durability: the directory needs no sync either.
  if (AnySync && !ReachedSync)
    return false;
  return ReachedSync || (Writes && !Creations);
}

bool FunctionAnalysis::judge(const Pending &O, unsigned Leaves, unsigned V,
                             Summary &Out,
                             std::vector<ReportSite> *Found) const {
  // A new file that the callers name may be theirs to rename or unlink:
  // it goes up to the callers the program has, whatever the linkage.
  bool PassUp =
      (G.InternalOnly || (Creations && O.Source.Value.visibleToCallers())) &&
      P.hasCallers(Fn);
  auto LeaveUp = [&](std::shared_ptr<const ReportSite> Intent, unsigned Depth) {
    for (LeftObligation &Left : Out.Leaves)
      if (Left.Source.Value == O.Source.Value &&
          Left.Destination.Value == O.Destination.Value &&
          siteKey(Left.Intent) == siteKey(Intent)) {
        Left.When |= Mask(1u << V);
        return;
      }
    if (Out.Leaves.size() >= MaxLeaves)
      return;
    Out.Leaves.push_back({O.Source, O.Destination, O.Chain, std::move(Intent),
                          Depth, Mask(1u << V)});
  };
  if (O.Intent) {
    if (PassUp && O.Depth < MaxCallerDepth)
      LeaveUp(O.Intent, O.Depth + 1);
    else if (Found)
      Found->push_back(*O.Intent);
    return true;
  }
  if (showsIntent(O, Reachable)) {
    auto Site = std::make_shared<ReportSite>();
    Site->Function = Fn;
    Site->Anchor = O.Anchor;
    Site->Via = O.Via;
    Site->Destination = O.Destination;
    Site->DirFd = O.DirFd;
    Site->DirFdConstant = O.DirFdConstant;
    Site->LeavesFrom = Leaves;
    Site->Chain.assign(O.Chain.begin() + 1, O.Chain.end());
    Site->Creation = Creations;
    Site->Other = otherDirectorySynced(O);
    if (PassUp)
      LeaveUp(std::move(Site), 0);
    else if (Found)
      Found->push_back(*Site);
    return true;
  }
  if (O.Source.Value.visibleToCallers() ||
      O.Destination.Value.visibleToCallers())
    LeaveUp(nullptr, 0);
  return false;
}

void FunctionAnalysis::summariseIntents(Summary &Out) const {
  auto Add = [&](const AccessPath &File, bool IsSync) {
    if (!File.visibleToCallers() || Out.Intents.size() >= MaxIntents)
      return;
    for (auto &[Known, Sync] : Out.Intents)
      if (Known == File) {
        Sync |= IsSync;
        return;
      }
    Out.Intents.push_back({File, IsSync});
  };
  for (const Block &B : G.Blocks)
    for (const Event &E : B.Events) {
      if (E.Kind == EventKind::FdSync) {
        Out.SyncsData = true;
        if (!E.Args.empty())
          Add(E.Args.back().Value, true);
      } else if (writesFile(E)) {
        Add(E.Args[0].Value, false);
      } else if (E.Kind == EventKind::Call) {
        for (unsigned C : P.callees(Fn, E)) {
          Out.SyncsData |= Summaries[C].SyncsData;
          for (const auto &[File, IsSync] : Summaries[C].Intents)
            Add(bounded(mapPathToCaller(File, E.Args, E.Object)), IsSync);
        }
      }
    }
}

void FunctionAnalysis::summariseDirectory(Summary &Out) const {
  std::optional<SyncedDirectory> Dir;
  for (const Block &B : G.Blocks)
    for (const Event &E : B.Events) {
      std::optional<SyncedDirectory> Synced;
      if (E.Kind == EventKind::DirSync) {
        Synced = E.Directory;
      } else if (E.Kind == EventKind::Call) {
        llvm::ArrayRef<unsigned> Targets = P.callees(Fn, E);
        if (llvm::none_of(Targets, [&](unsigned C) {
              return Summaries[C].Discharges != 0;
            }))
          continue;
        Synced = directoryAtCall(Summaries, E, Targets);
      } else {
        continue;
      }
      if (!Synced || !Synced->Value.Value.visibleToCallers() ||
          (Dir && !(*Dir == *Synced)))
        return;
      Dir = std::move(Synced);
    }
  Out.Directory = std::move(Dir);
}

void FunctionAnalysis::summariseEnds(Summary &Out) const {
  auto AddEnd = [&](const AccessPath &File) {
    if (File.visibleToCallers() && Out.Ends.size() < MaxIntents &&
        !llvm::is_contained(Out.Ends, File))
      Out.Ends.push_back(File);
  };
  for (const Block &B : G.Blocks)
    for (const Event &E : B.Events) {
      if ((E.Kind == EventKind::Rename || E.Kind == EventKind::Remove) &&
          !E.Args.empty())
        AddEnd(E.Args[0].Value);
      if (E.Kind == EventKind::Call)
        for (unsigned C : P.callees(Fn, E))
          for (const AccessPath &File : Summaries[C].Ends)
            AddEnd(bounded(mapPathToCaller(File, E.Args, E.Object)));
    }
}

Summary FunctionAnalysis::run(std::vector<ReportSite> *Found) {
  Summary Out;
  summariseIntents(Out);
  summariseDirectory(Out);
  if (Creations)
    summariseEnds(Out);
  // The obligations judged with intent under some valuation: the same
  // rename must not also go up without it from another, to be reported a
  // second time by a caller.
  std::vector<std::tuple<unsigned, AccessPath, AccessPath>> Intended;
  unsigned Valuations = 1u << guardCount(G);
  for (unsigned V = 0; V < Valuations; ++V) {
    indexObligations(V);
    //===-- Worklist to a fixpoint -----------------------------------------//
    std::vector<std::optional<llvm::BitVector>> In(G.Blocks.size());
    std::deque<unsigned> Work;
    std::vector<bool> Queued(G.Blocks.size(), false);
    In[0] = llvm::BitVector(Table.size());
    In[0]->set(0);
    Work.push_back(0);
    Queued[0] = true;
    std::optional<llvm::BitVector> AtExit;
    while (!Work.empty()) {
      unsigned B = Work.front();
      Work.pop_front();
      Queued[B] = false;
      llvm::BitVector BlockOut(*In[B]);
      if (!apply(B, V, BlockOut))
        continue;
      for (const Edge &E : G.Blocks[B].Succs) {
        llvm::BitVector EdgeOut(BlockOut);
        if (!applyEdge(E, V, EdgeOut))
          continue;
        std::optional<llvm::BitVector> &Into =
            E.To == G.exit() ? AtExit : In[E.To];
        if (Into) {
          llvm::BitVector Merged(*Into);
          Merged |= EdgeOut;
          if (Merged == *Into)
            continue;
          *Into = std::move(Merged);
        } else {
          Into = std::move(EdgeOut);
        }
        if (E.To != G.exit() && !Queued[E.To]) {
          Queued[E.To] = true;
          Work.push_back(E.To);
        }
      }
    }
    //===-- Verdict at the exit --------------------------------------------//
    if (!AtExit) {
      Out.NeverReturns |= Mask(1u << V);
      Out.Discharges |= Mask(1u << V);
      continue;
    }
    if (!AtExit->test(0))
      Out.Discharges |= Mask(1u << V);
    Reachable.assign(G.Blocks.size(), false);
    for (unsigned B = 0; B < G.Blocks.size(); ++B)
      Reachable[B] = In[B].has_value();
    llvm::BitVector Judged(Table.size());
    Judged.set(0);
    // The first block, in the exit's order, that carries each obligation
    // out gives the note's leave point.
    for (unsigned B : G.Exits) {
      if (!In[B])
        continue;
      llvm::BitVector BlockOut(*In[B]);
      if (!apply(B, V, BlockOut))
        continue;
      llvm::BitVector Carried(Table.size());
      for (const Edge &E : G.Blocks[B].Succs) {
        llvm::BitVector EdgeOut(BlockOut);
        if (E.To == G.exit() && applyEdge(E, V, EdgeOut))
          Carried |= EdgeOut;
      }
      for (unsigned Bit : Carried.set_bits())
        if (!Judged.test(Bit)) {
          Judged.set(Bit);
          const Pending &O = Table[Bit];
          if (judge(O, B, V, Out, Found))
            Intended.emplace_back(O.Anchor, O.Source.Value,
                                  O.Destination.Value);
        }
    }
  }
  llvm::erase_if(Out.Leaves, [&](const LeftObligation &L) {
    return !L.Intent &&
           llvm::is_contained(Intended, std::make_tuple(L.Chain.front().Anchor,
                                                        L.Source.Value,
                                                        L.Destination.Value));
  });
  return Out;
}

//===-- Bottom-up over the call graph -------------------------------------===//

// The strongly connected components of the call graph among the functions
// In holds, callees first (Tarjan's algorithm, without recursion). In holds
// every caller of the functions it holds, so it holds whole components.
std::vector<std::vector<unsigned>>
componentsBottomUp(const Program &P, const std::vector<bool> &In) {
  unsigned N = P.functions().size();
  std::vector<std::vector<unsigned>> Succs(N);
  for (unsigned F = 0; F < N; ++F)
    if (In[F])
      for (unsigned C : P.callees(F))
        if (In[C])
          Succs[F].push_back(C);
  std::vector<int> Index(N, -1), Low(N, 0);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  std::vector<std::vector<unsigned>> Components;
  int Next = 0;
  for (unsigned Root = 0; Root < N; ++Root) {
    if (!In[Root] || Index[Root] >= 0)
      continue;
    std::vector<std::pair<unsigned, unsigned>> Frames{{Root, 0}};
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Frames.empty()) {
      auto &[F, Child] = Frames.back();
      if (Child < Succs[F].size()) {
        unsigned S = Succs[F][Child++];
        if (Index[S] < 0) {
          Index[S] = Low[S] = Next++;
          Stack.push_back(S);
          OnStack[S] = true;
          Frames.push_back({S, 0});
        } else if (OnStack[S]) {
          Low[F] = std::min(Low[F], Index[S]);
        }
        continue;
      }
      unsigned Done = F;
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().first] =
            std::min(Low[Frames.back().first], Low[Done]);
      if (Low[Done] != Index[Done])
        continue;
      std::vector<unsigned> Component;
      unsigned Member;
      do {
        Member = Stack.back();
        Stack.pop_back();
        OnStack[Member] = false;
        Component.push_back(Member);
      } while (Member != Done);
      llvm::sort(Component);
      Components.push_back(std::move(Component));
    }
  }
  return Components;
}

bool callsItself(const Program &P, unsigned F) {
  for (const Block &B : P.functions()[F].Graph->Blocks)
    for (const Event &E : B.Events)
      if (E.Kind == EventKind::Call && llvm::is_contained(P.callees(F, E), F))
        return true;
  return false;
}

//===-- Directory syncs deferred to another entry of an object -----------===//

// Whether a call syncs a directory on every path, under some valuation of
// the caller's guards.
bool callDischarges(const Program &P, const std::vector<Summary> &Summaries,
                    unsigned F, const Event &Call) {
  llvm::ArrayRef<unsigned> Targets = P.callees(F, Call);
  const FunctionGraph &G = *P.functions()[F].Graph;
  return !Targets.empty() && !P.mayRunNothing(F, Call) &&
         llvm::any_of(llvm::seq(0u, 1u << guardCount(G)), [&](unsigned V) {
           return llvm::all_of(Targets, [&](unsigned C) {
             Mask Possible =
                 possibleAtCall(*P.functions()[C].Graph, Call, G, V);
             return (Possible & ~Summaries[C].Discharges) == 0;
           });
         });
}

// The files held by globals whose directory F syncs:
// fsync_parent_path(tar->path) in a finish entry.
std::vector<AccessPath>
globalsDirSyncedBy(const Program &P, const std::vector<Summary> &Summaries,
                   unsigned F) {
  std::vector<AccessPath> Synced;
  for (const Block &B : P.functions()[F].Graph->Blocks)
    for (const Event &E : B.Events) {
      if (E.Kind != EventKind::DirSync && E.Kind != EventKind::Call)
        continue;
      auto Global = [](const SpelledValue &Arg) {
        return Arg.Value.Root == AccessPath::Global;
      };
      if (llvm::none_of(E.Args, Global) ||
          (E.Kind == EventKind::Call && !callDischarges(P, Summaries, F, E)))
        continue;
      for (const SpelledValue &Arg : E.Args)
        if (Global(Arg))
          Synced.push_back(Arg.Value);
    }
  return Synced;
}

// A file held by a global outlives the calls that create and fsync it, and
// the object's owner may sync its directory on a path no call chain shows:
// PostgreSQL's tar WAL method syncs the archive's directory in its finish
// entry. A directory sync of the same file anywhere (SyncedBy, per
// function) discharges it.
void dropDeferredSyncs(llvm::ArrayRef<std::vector<AccessPath>> SyncedBy,
                       std::vector<UnsyncedRename> &Found) {
  if (llvm::none_of(Found, [](const UnsyncedRename &R) {
        return R.Destination.Value.Root == AccessPath::Global;
      }))
    return;
  std::vector<AccessPath> Synced;
  for (const std::vector<AccessPath> &By : SyncedBy)
    llvm::append_range(Synced, By);
  llvm::sort(Synced);
  Synced.erase(std::unique(Synced.begin(), Synced.end()), Synced.end());
  llvm::erase_if(Found, [&](const UnsyncedRename &R) {
    return R.Destination.Value.Root == AccessPath::Global &&
           std::binary_search(Synced.begin(), Synced.end(),
                              R.Destination.Value);
  });
}

//===-- What callers see of a summary -------------------------------------===//

template <typename T, typename SameFn>
bool sameEach(const std::vector<T> &A, const std::vector<T> &B, SameFn Same) {
  return A.size() == B.size() &&
         llvm::all_of(llvm::zip(A, B), [&](const auto &Pair) {
           return Same(std::get<0>(Pair), std::get<1>(Pair));
         });
}

bool sameSpelling(const Spelling &A, const Spelling &B) {
  return A.Message == B.Message && A.Code == B.Code && A.Pure == B.Pure &&
         A.Literal == B.Literal && A.CharPointer == B.CharPointer;
}

bool sameValue(const SpelledValue &A, const SpelledValue &B) {
  return A.Value == B.Value && sameSpelling(A.Spelled, B.Spelled);
}

bool sameHop(const Hop &A, const Hop &B) {
  return A.Function == B.Function && A.Anchor == B.Anchor &&
         sameSpelling(A.Source, B.Source) &&
         sameSpelling(A.Destination, B.Destination);
}

bool sameSite(const ReportSite &A, const ReportSite &B) {
  return A.Function == B.Function && A.Anchor == B.Anchor && A.Via == B.Via &&
         sameValue(A.Destination, B.Destination) &&
         A.DirFd.has_value() == B.DirFd.has_value() &&
         (!A.DirFd || sameValue(*A.DirFd, *B.DirFd)) &&
         A.DirFdConstant == B.DirFdConstant && A.LeavesFrom == B.LeavesFrom &&
         sameEach(A.Chain, B.Chain, sameHop) && A.Creation == B.Creation;
}

bool sameLeft(const LeftObligation &A, const LeftObligation &B) {
  return sameValue(A.Source, B.Source) &&
         sameValue(A.Destination, B.Destination) &&
         sameEach(A.Chain, B.Chain, sameHop) &&
         bool(A.Intent) == bool(B.Intent) &&
         (!A.Intent || sameSite(*A.Intent, *B.Intent)) && A.Depth == B.Depth &&
         A.When == B.When;
}

// Summary's == is what ends a fixpoint; a caller copies more of a summary
// than that: spellings, chains and report sites.
bool sameForCallers(const Summary &A, const Summary &B) {
  return A == B && sameEach(A.Leaves, B.Leaves, sameLeft);
}

} // namespace

/// One analysis over a program, renames' or creations', with each
/// function's summary and the findings its analysis made.
struct Analysis::Pass {
  explicit Pass(bool Creations) : Creations(Creations) {}

  const bool Creations;
  std::vector<Summary> Summaries;
  std::vector<std::vector<ReportSite>> FoundBy;
  /// In the creation analysis: per function, the files held by globals
  /// whose directory it syncs.
  std::vector<std::vector<AccessPath>> GlobalsSyncedBy;

  /// Brings the summaries and findings up to date after a link: the
  /// functions Seeds are analysed again, and so are the callers of each
  /// function whose summary callers see changes, transitively. Paths, when
  /// given, is another analysis, whose paths a function where nothing is
  /// pending borrows instead of running. Returns, as a mask, the functions
  /// whose summary callers see changed.
  std::vector<bool> update(const Program &P, llvm::ArrayRef<unsigned> Seeds,
                           const Pass *Paths);
  void analyse(const Program &P, const std::vector<unsigned> &Component,
               const Pass *Paths);
  bool iterate(const Program &P, const std::vector<unsigned> &Component,
               unsigned Rounds, llvm::function_ref<Summary(unsigned)> Run);
  std::vector<UnsyncedRename> findings(const Program &P) const;
};

// Runs the component's functions round after round until no summary
// changes, or Rounds have run; returns whether they settled. A summary is
// a function of the callees' summaries alone, so a function none of whose
// callees in the component changed since it last ran would give the same
// one again: it is not run. The summaries are those of plain rounds.
bool Analysis::Pass::iterate(const Program &P,
                             const std::vector<unsigned> &Component,
                             unsigned Rounds,
                             llvm::function_ref<Summary(unsigned)> Run) {
  llvm::DenseMap<unsigned, unsigned> Position;
  for (unsigned I = 0; I < Component.size(); ++I)
    Position[Component[I]] = I;
  // Ticks of one clock: 0 is never.
  std::vector<unsigned> RanAt(Component.size(), 0);
  std::vector<unsigned> ChangedAt(Component.size(), 0);
  unsigned Clock = 0;
  auto Stale = [&](unsigned I) {
    return !RanAt[I] || llvm::any_of(P.callees(Component[I]), [&](unsigned C) {
      auto It = Position.find(C);
      return It != Position.end() && ChangedAt[It->second] > RanAt[I];
    });
  };
  for (unsigned Round = 0; Round < Rounds; ++Round) {
    bool Changed = false;
    for (unsigned I = 0; I < Component.size(); ++I) {
      if (!Stale(I))
        continue;
      unsigned F = Component[I];
      RanAt[I] = ++Clock;
      Summary S = Run(F);
      if (!(S == Summaries[F])) {
        Summaries[F] = std::move(S);
        ChangedAt[I] = ++Clock;
        Changed = true;
      }
    }
    if (!Changed)
      return true;
  }
  return false;
}

std::vector<bool> Analysis::Pass::update(const Program &P,
                                         llvm::ArrayRef<unsigned> Seeds,
                                         const Pass *Paths) {
  unsigned N = P.functions().size();
  Summaries.resize(N);
  FoundBy.resize(N);
  GlobalsSyncedBy.resize(N);
  // What a change can reach: the callers, transitively. Most of them see
  // no change in their callees' summaries, and keep their own.
  std::vector<bool> Seeded(N, false), In(N, false), Dirty(N, false);
  std::vector<unsigned> Work;
  for (unsigned F : Seeds) {
    Seeded[F] = In[F] = true;
    Work.push_back(F);
  }
  while (!Work.empty()) {
    unsigned F = Work.back();
    Work.pop_back();
    for (unsigned C : P.callers(F))
      if (!In[C]) {
        In[C] = true;
        Work.push_back(C);
      }
  }
  for (unsigned F : Seeds)
    if (!P.functions()[F].Graph) {
      In[F] = false;
      Dirty[F] = true;
      Summaries[F] = Summary();
      FoundBy[F].clear();
      GlobalsSyncedBy[F].clear();
    }
  for (const std::vector<unsigned> &Component : componentsBottomUp(P, In)) {
    bool Again = llvm::any_of(Component, [&](unsigned F) {
      return Seeded[F] ||
             llvm::any_of(P.callees(F), [&](unsigned C) { return Dirty[C]; });
    });
    if (!Again)
      continue;
    std::vector<Summary> Before;
    for (unsigned F : Component) {
      Before.push_back(std::move(Summaries[F]));
      Summaries[F] = Summary();
      FoundBy[F].clear();
    }
    analyse(P, Component, Paths);
    for (auto [F, Old] : llvm::zip(Component, Before)) {
      Dirty[F] = P.reshaped(F) || !sameForCallers(Old, Summaries[F]);
      if (Creations)
        GlobalsSyncedBy[F] = globalsDirSyncedBy(P, Summaries, F);
    }
  }
  return Dirty;
}

void Analysis::Pass::analyse(const Program &P,
                             const std::vector<unsigned> &Component,
                             const Pass *Paths) {
  bool Recursive = Component.size() > 1 || callsItself(P, Component[0]);
  if (Paths && llvm::all_of(Component, [&](unsigned F) {
        return FunctionAnalysis(P, Summaries, F, Creations).nothingPending();
      })) {
    // No obligation can arise in the component: its summaries are what
    // its events say, to a fixpoint where it recurses, and Paths's paths.
    iterate(P, Component, Recursive ? MaxRounds : 1, [&](unsigned F) {
      return FunctionAnalysis(P, Summaries, F, Creations)
          .summaryWithPaths(Paths->Summaries[F]);
    });
    return;
  }
  // A function that does not call itself needs no summary but its own:
  // one run gives both its summary and its findings.
  if (!Recursive) {
    unsigned F = Component[0];
    Summaries[F] =
        FunctionAnalysis(P, Summaries, F, Creations).run(&FoundBy[F]);
    return;
  }
  // Discharging is a property of every path: solved from the top, so that
  // a recursive sync of a tree discharges like its base case.
  for (unsigned F : Component)
    Summaries[F].Discharges = Mask(~0u);
  // Findings come from the final summaries only. Where the rounds settle,
  // each function last ran on them.
  bool Settled = iterate(P, Component, MaxRounds, [&](unsigned F) {
    FoundBy[F].clear();
    return FunctionAnalysis(P, Summaries, F, Creations).run(&FoundBy[F]);
  });
  if (Settled)
    return;
  for (unsigned F : Component) {
    FoundBy[F].clear();
    FunctionAnalysis(P, Summaries, F, Creations).run(&FoundBy[F]);
  }
}

std::vector<UnsyncedRename> Analysis::Pass::findings(const Program &P) const {
  std::vector<ReportSite> Found;
  for (const std::vector<ReportSite> &Of : FoundBy)
    llvm::append_range(Found, Of);
  if (Creations)
    dropDeferredSyncs(GlobalsSyncedBy, Found);
  // Two functions may report one site: the first function's report stands,
  // however the functions were analysed.
  std::vector<unsigned> Order(Found.size());
  std::iota(Order.begin(), Order.end(), 0);
  auto Key = [&](unsigned I) {
    return std::make_tuple(Found[I].Function, Found[I].Anchor, I);
  };
  llvm::sort(Order, [&](unsigned A, unsigned B) { return Key(A) < Key(B); });
  std::vector<UnsyncedRename> Out;
  for (unsigned I : Order)
    if (Out.empty() || Out.back().Function != Found[I].Function ||
        Out.back().Anchor != Found[I].Anchor)
      Out.push_back(std::move(Found[I]));
  return Out;
}

Analysis::Analysis(Judged What) {
  if (What != Judged::Creations)
    Renames = std::make_unique<Pass>(false);
  if (What != Judged::Renames)
    Creations = std::make_unique<Pass>(true);
}

Analysis::~Analysis() = default;
Analysis::Analysis(Analysis &&) = default;
Analysis &Analysis::operator=(Analysis &&) = default;

UnsyncedFiles Analysis::update(const Program &P) {
  UnsyncedFiles Out;
  if (!Creations) {
    Renames->update(P, P.changed(), nullptr);
    Out.Renames = Renames->findings(P);
    return Out;
  }
  if (!Renames) {
    Creations->update(P, P.changed(), nullptr);
    Out.Creations = Creations->findings(P);
    return Out;
  }
  // The creation analysis borrows the rename analysis's summaries: where
  // one changed, the function is analysed again.
  std::vector<bool> Again = Renames->update(P, P.changed(), nullptr);
  for (unsigned F : P.changed())
    Again[F] = true;
  std::vector<unsigned> Seeds;
  for (unsigned F = 0; F < Again.size(); ++F)
    if (Again[F])
      Seeds.push_back(F);
  Creations->update(P, Seeds, Renames.get());
  Out.Renames = Renames->findings(P);
  Out.Creations = Creations->findings(P);
  return Out;
}

std::vector<UnsyncedRename> findUnsyncedRenames(const Program &P) {
  return Analysis(Analysis::Judged::Renames).update(P).Renames;
}

std::vector<UnsyncedRename> findUnsyncedCreations(const Program &P) {
  return Analysis(Analysis::Judged::Creations).update(P).Creations;
}

UnsyncedFiles findUnsyncedRenamesAndCreations(const Program &P) {
  return Analysis(Analysis::Judged::Both).update(P);
}

} // namespace durcheck::rename
