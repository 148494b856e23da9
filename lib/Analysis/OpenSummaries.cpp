//===- OpenSummaries.cpp - Opens through wrappers, over a call graph ------===//
//
// The program's names and calls; what each function opens, itself or
// through its callees, in its own terms; the summaries to a fixpoint; and
// the opens whose file and mode are known, paired.
//
//===----------------------------------------------------------------------===//

#include "durcheck/Analysis/OpenSummaries.h"
#include "durcheck/Analysis/Spelling.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>
#include <set>
#include <tuple>

namespace durcheck::mixed {

//===-- The program's names and calls -------------------------------------===//

unsigned Program::nameNumber(llvm::StringRef Name, unsigned Unit) {
  // Internal linkage: another unit's function of that name is another one.
  std::string Qualified;
  if (Name.starts_with("@"))
    Name = Qualified =
        "@" + std::to_string(Unit) + "/" + Name.drop_front().str();
  return NameNumbers.try_emplace(Name, NameNumbers.size()).first->second;
}

std::string Program::fileName(unsigned Unit, unsigned File) const {
  llvm::ArrayRef<std::string> Files = Units[Unit].Files;
  return File < Files.size() ? Files[File] : std::to_string(File);
}

void Program::addUnit(const UnitOpens &U, llvm::ArrayRef<std::string> Files) {
  setUnit(Units.size(), &U, Files);
}

void Program::setUnit(unsigned Index, const UnitOpens *U,
                      llvm::ArrayRef<std::string> Files) {
  if (Units.size() <= Index)
    Units.resize(Index + 1);
  Unit &Into = Units[Index];
  Into = {U, Files, {}};
  if (!U)
    return;
  for (const OpenFunction &F : U->Functions) {
    Numbered N{None, None, {}};
    if (!F.Name.empty()) {
      N.Name = nameNumber(F.Name, Index);
      std::string File = fileName(Index, F.Where.File);
      N.File = FileNumbers.try_emplace(File, FileNumbers.size()).first->second;
    }
    for (const CallSite &C : F.Calls)
      N.Callees.push_back(nameNumber(C.Callee, Index));
    Into.Numbers.push_back(std::move(N));
  }
}

void Program::link() {
  Functions.clear();
  std::vector<const Numbered *> NumbersOf;
  // A function defined in a header is the same in every unit that
  // includes it: the first definition stands for all.
  llvm::DenseSet<std::tuple<unsigned, unsigned, unsigned>> Defined;
  for (unsigned U = 0; U < Units.size(); ++U) {
    if (!Units[U].Opens)
      continue;
    for (const auto &[F, N] :
         llvm::zip(Units[U].Opens->Functions, Units[U].Numbers)) {
      if (N.Name != None &&
          !Defined.insert({N.Name, N.File, F.Where.Offset}).second)
        continue;
      Functions.push_back({&F, U});
      NumbersOf.push_back(&N);
    }
  }
  // The one definition of each name; two definitions of one name are two
  // programs: neither is known.
  std::vector<unsigned> DefinitionOf(NameNumbers.size(), None);
  std::vector<bool> Twice(NameNumbers.size());
  for (unsigned F = 0; F < Functions.size(); ++F)
    if (unsigned Name = NumbersOf[F]->Name; Name != None) {
      Twice[Name] = DefinitionOf[Name] != None;
      DefinitionOf[Name] = F;
    }
  unsigned N = Functions.size();
  CalleesAt.assign(N + 1, 0);
  Callees.clear();
  std::vector<unsigned> CallerCount(N + 1, 0), LastCaller(N, None);
  for (unsigned F = 0; F < N; ++F) {
    CalleesAt[F] = Callees.size();
    for (unsigned Name : NumbersOf[F]->Callees) {
      std::optional<unsigned> Target;
      if (DefinitionOf[Name] != None && !Twice[Name])
        Target = DefinitionOf[Name];
      Callees.push_back(Target);
      // Callers come in order: a repeat is the last one.
      if (Target && LastCaller[*Target] != F) {
        LastCaller[*Target] = F;
        ++CallerCount[*Target + 1];
      }
    }
  }
  CalleesAt[N] = Callees.size();
  CallersAt.assign(N + 1, 0);
  for (unsigned F = 0; F < N; ++F)
    CallersAt[F + 1] = CallersAt[F] + CallerCount[F + 1];
  Callers.assign(CallersAt[N], 0);
  std::vector<unsigned> Next(CallersAt.begin(), CallersAt.end() - 1);
  LastCaller.assign(N, None);
  for (unsigned F = 0; F < N; ++F)
    for (unsigned C = CalleesAt[F]; C < CalleesAt[F + 1]; ++C)
      if (std::optional<unsigned> T = Callees[C]; T && LastCaller[*T] != F) {
        LastCaller[*T] = F;
        Callers[Next[*T]++] = F;
      }
}

namespace {

constexpr unsigned MaxEntries = 16;
constexpr unsigned MaxFields = 4;
/// Times each function may be summarised again before the summaries are
/// taken as they are.
constexpr unsigned MaxRounds = 8;

//===-- What a function opens, in its own terms ---------------------------===//

/// An open a function makes, itself or through a callee.
struct Derived {
  FilePath Path;
  bool TakesFlags = true;
  model::FlagSet Flags;
  bool Reads = true;
  bool SetByFcntl = false;
  /// The function's own open or call.
  StepRef Step;
  /// For a call: the callee's summary entry it comes from.
  unsigned Callee = 0;
  unsigned Entry = 0;
  std::optional<crosstu::UnitEdit> AddDirect;

  /// The same open in the same mode, wherever it was found.
  bool sameEffect(const Derived &O) const {
    return Path.Key == O.Path.Key && Path.Param == O.Path.Param &&
           TakesFlags == O.TakesFlags && Flags == O.Flags && Reads == O.Reads &&
           SetByFcntl == O.SetByFcntl;
  }
};

struct Decision {
  CacheMode Mode;
  bool Reads;
};

// The mode of an open whose flags are known; nullopt while they depend on
// a caller, or cannot be seen at all.
std::optional<Decision> decide(const Derived &D, const UnitOpens &U) {
  bool Reads = D.TakesFlags ? !(D.Flags.Must & U.WriteOnlyBit) : D.Reads;
  if (D.SetByFcntl || (D.TakesFlags && (D.Flags.Must & U.DirectBit)))
    return Decision{CacheMode::Direct, Reads};
  if (!D.TakesFlags)
    return Decision{CacheMode::Buffered, Reads};
  if (D.Flags.May & U.DirectBit)
    return Decision{CacheMode::MaybeDirect, Reads};
  if (D.Flags.lacks(U.DirectBit))
    return Decision{CacheMode::Buffered, Reads};
  return std::nullopt;
}

// What a caller names a callee's field path as: the argument's code with
// the fields appended, &lk and ->path giving lk.path.
std::string fieldSpelling(const FilePath &Arg, const AccessPath &Fields) {
  std::vector<SpelledValue> Args(Fields.Index + 1);
  Args.back().Spelled.Code = Arg.Code;
  SpelledValue Mapped = mapToCaller({Fields, {}}, Args, std::nullopt);
  return Mapped.Spelled.Code.empty() ? std::string()
                                     : quotePath(Mapped.Spelled.Code);
}

class Summaries {
public:
  explicit Summaries(const Program &P) : P(P), Entries(P.functions().size()) {
    solve();
  }

  /// Everything F opens, through the summaries of its callees.
  std::vector<Derived> derive(unsigned F) const {
    const OpenFunction &Fn = *P.functions()[F].F;
    std::vector<Derived> Out;
    for (unsigned I = 0; I < Fn.Opens.size(); ++I) {
      const OpenSite &S = Fn.Opens[I];
      Derived D;
      D.Path = S.Path;
      D.TakesFlags = S.TakesFlags;
      D.Flags = S.Flags;
      D.Reads = S.Reads;
      D.SetByFcntl = S.SetDirect.has_value();
      D.Step = {F, false, I};
      D.AddDirect = S.AddDirect;
      Out.push_back(std::move(D));
    }
    for (unsigned C = 0; C < Fn.Calls.size(); ++C)
      if (std::optional<unsigned> G = P.callee(F, C))
        for (unsigned E = 0; E < Entries[*G].size(); ++E)
          if (std::optional<Derived> D = throughCall(F, C, *G, E))
            Out.push_back(std::move(*D));
    return Out;
  }

  const Derived &entry(unsigned F, unsigned E) const { return Entries[F][E]; }

private:
  std::optional<Derived> throughCall(unsigned F, unsigned C, unsigned G,
                                     unsigned E) const;
  bool summarise(unsigned F);
  void solve();

  const Program &P;
  std::vector<std::vector<Derived>> Entries;
};

std::optional<Derived> Summaries::throughCall(unsigned F, unsigned C,
                                              unsigned G, unsigned E) const {
  const CallSite &Call = P.functions()[F].F->Calls[C];
  const Derived &In = Entries[G][E];
  Derived D;
  D.Step = {F, true, C};
  D.Callee = G;
  D.Entry = E;
  D.TakesFlags = In.TakesFlags;
  D.Reads = In.Reads;
  D.SetByFcntl = In.SetByFcntl;
  if (const std::optional<AccessPath> &From = In.Path.Param) {
    if (From->Index >= Call.Args.size())
      return std::nullopt;
    const FilePath &Arg = Call.Args[From->Index].Path;
    if (From->Fields.empty()) {
      D.Path = Arg;
    } else {
      // A field's key is the field's, whichever object it is reached from.
      D.Path.Key = In.Path.Key;
      if (Arg.Param &&
          Arg.Param->Fields.size() + From->Fields.size() <= MaxFields) {
        D.Path.Param = *Arg.Param;
        llvm::append_range(D.Path.Param->Fields, From->Fields);
      }
      D.Path.Spelling = fieldSpelling(Arg, *From);
      if (D.Path.Spelling.empty())
        D.Path.Spelling = In.Path.Spelling;
    }
  } else {
    D.Path = {In.Path.Key, std::nullopt, In.Path.Spelling, {}};
  }
  if (!D.Path.Key && !D.Path.Param)
    return std::nullopt;
  D.Flags = In.Flags;
  if (In.TakesFlags && In.Flags.Param) {
    unsigned J = *In.Flags.Param;
    const CallArgument *Arg = J < Call.Args.size() ? &Call.Args[J] : nullptr;
    model::FlagSet Passed = Arg ? Arg->Flags : model::FlagSet::unknown();
    D.Flags = In.Flags.atCall(Passed);
    if (Passed.known())
      D.AddDirect = Arg->AddDirect;
  }
  return D;
}

// Whether an open is one the function's callers make too: of a file a
// caller can name, with flags it passes or through a parameter it gives.
bool leftToCallers(const Derived &D, const std::optional<Decision> &How) {
  if (How)
    return D.Path.Param && D.Path.Param->Fields.empty();
  bool Named = D.Path.Param ||
               (D.Path.Key && D.Path.Key->isTranslationUnitIndependent());
  return Named && D.Flags.Param && !D.Flags.Opaque;
}

// Adds what F leaves to its callers; true when that grew. An entry keeps
// the way it was first found, so notes never walk in a circle.
bool Summaries::summarise(unsigned F) {
  const UnitOpens &U = P.unit(P.functions()[F].Unit);
  bool Grew = false;
  for (Derived &D : derive(F)) {
    if (!leftToCallers(D, decide(D, U)) || Entries[F].size() == MaxEntries)
      continue;
    // A caller cannot name this function's locals.
    if (D.Path.Key && !D.Path.Key->isTranslationUnitIndependent())
      D.Path.Key.reset();
    if (llvm::any_of(Entries[F],
                     [&](const Derived &Old) { return Old.sameEffect(D); }))
      continue;
    Entries[F].push_back(std::move(D));
    Grew = true;
  }
  return Grew;
}

void Summaries::solve() {
  unsigned N = P.functions().size();
  std::deque<unsigned> Work;
  llvm::BitVector Queued(N, true);
  for (unsigned F = 0; F < N; ++F)
    Work.push_back(F);
  for (unsigned Budget = N * MaxRounds; !Work.empty() && Budget; --Budget) {
    unsigned F = Work.front();
    Work.pop_front();
    Queued.reset(F);
    if (!summarise(F))
      continue;
    for (unsigned Caller : P.callers(F))
      if (!Queued.test(Caller)) {
        Queued.set(Caller);
        Work.push_back(Caller);
      }
  }
}

//===-- The opens whose file and mode are known ---------------------------===//

std::vector<Hop> chainOf(const Summaries &S, unsigned G, unsigned E) {
  std::vector<Hop> Chain;
  while (Chain.size() < MaxEntries * MaxRounds) {
    const Derived &In = S.entry(G, E);
    Chain.push_back({In.Step, In.Path.Spelling});
    if (!In.Step.ViaCall)
      break;
    G = In.Callee;
    E = In.Entry;
  }
  return Chain;
}

ResolvedOpen resolve(const Program &P, const Summaries &S, const Derived &D,
                     Decision How) {
  const Program::Function &Fn = P.functions()[D.Step.Function];
  ResolvedOpen R;
  R.Step = D.Step;
  R.Unit = Fn.Unit;
  if (D.Step.ViaCall) {
    const CallSite &C = Fn.F->Calls[D.Step.Index];
    R.At = R.DirectAt = C.At;
    R.Reportable = C.Reportable;
    R.Chain = chainOf(S, D.Callee, D.Entry);
  } else {
    const OpenSite &O = Fn.F->Opens[D.Step.Index];
    R.At = O.At;
    R.DirectAt = O.SetDirect.value_or(O.At);
    R.Reportable = O.Reportable;
  }
  R.Key = *D.Path.Key;
  R.Mode = How.Mode;
  R.Reads = How.Reads;
  R.TakesFlags = D.TakesFlags;
  R.SetByFcntl = D.SetByFcntl;
  R.Spelling = D.Path.Spelling;
  R.AddDirect = D.AddDirect;
  return R;
}

unsigned orderOf(const Program &P, const StepRef &Step) {
  const OpenFunction &Fn = *P.functions()[Step.Function].F;
  return Step.ViaCall ? Fn.Calls[Step.Index].Order : Fn.Opens[Step.Index].Order;
}

// In the order of the units and their sources; each place once.
std::vector<ResolvedOpen> resolvedOpens(const Program &P) {
  Summaries S(P);
  std::vector<ResolvedOpen> All;
  for (unsigned F = 0; F < P.functions().size(); ++F) {
    const UnitOpens &U = P.unit(P.functions()[F].Unit);
    for (const Derived &D : S.derive(F))
      if (std::optional<Decision> How = decide(D, U); How && D.Path.Key)
        All.push_back(resolve(P, S, D, *How));
  }
  // Opens of one step keep the order they were derived in.
  std::vector<std::tuple<unsigned, unsigned, size_t>> Order;
  for (size_t I = 0; I < All.size(); ++I)
    Order.push_back({All[I].Unit, orderOf(P, All[I].Step), I});
  llvm::sort(Order);
  std::set<std::tuple<std::string, unsigned, CacheMode, int, std::string>> Seen;
  std::vector<ResolvedOpen> Out;
  for (const auto &[Unit, Place, I] : Order) {
    ResolvedOpen &R = All[I];
    if (Seen.insert({P.fileName(R.Unit, R.At.File), R.At.Offset, R.Mode,
                     R.Key.Kind, R.Key.Text})
            .second)
      Out.push_back(std::move(R));
  }
  return Out;
}

} // namespace

std::vector<MixedFinding> findMixedFindings(const Program &P) {
  std::vector<ResolvedOpen> Opens = resolvedOpens(P);
  // A buffered writer the unit's options leave out meets nothing.
  llvm::erase_if(Opens, [&](const ResolvedOpen &R) {
    return R.Mode == CacheMode::Buffered && !R.Reads &&
           P.unit(R.Unit).IgnoreWriteOnly;
  });
  std::vector<OpenFact> Facts;
  for (const ResolvedOpen &R : Opens)
    Facts.push_back(
        {R.Key, R.Mode,
         uint64_t(R.Step.Function) << 32 | R.Step.Index << 1 | R.Step.ViaCall});
  std::vector<MixedFinding> Out;
  for (const MixedOpen &M : findMixedOpens(Facts))
    Out.push_back({Opens[M.Buffered], Opens[M.Direct]});
  return Out;
}

} // namespace durcheck::mixed
