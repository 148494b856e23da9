//===- RenameObligations.h - Unsynced renames over a call graph -*- C++ -*-===//
//
// The compositional analysis of the rename check. A rename leaves an
// obligation: the directory of its destination must be synced before the
// function returns. Each function's summary says which obligations it
// leaves to its callers (in terms of its parameters), whether it discharges
// those pending in its caller (a directory sync on every path that returns
// normally), which files it writes or syncs (its intent), and whether it
// returns at all -- each under the values of the flags it tests.
//
// Summaries are computed bottom-up over the call graph, recursion solved to
// a fixpoint. An obligation travels up until a caller discharges it, or is
// reported at the call in the first function that shows durability intent
// for the file. The analysis reads plain graphs, so it runs over one unit
// under clang-tidy and over every unit in the driver's join alike.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEOBLIGATIONS_H
#define DURCHECK_ANALYSIS_RENAMEOBLIGATIONS_H

#include "durcheck/Analysis/RenameGraph.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <string>
#include <vector>

namespace durcheck::rename {

/// The functions of a program: one unit's under clang-tidy, every unit's in
/// the join. Names of internal linkage are kept apart per unit. A function
/// keeps its number while units come and go, so that an analysis can be
/// brought up to date after one unit changes (the language server's join).
class Program {
public:
  struct Function {
    /// Null while no unit defines it.
    const FunctionGraph *Graph = nullptr;
    unsigned Unit = 0;
  };

  /// Adds a unit's graphs as the next unit, with the unit's file table when
  /// there are several units; they must outlive the program.
  void addUnit(const UnitGraphs &Graphs,
               llvm::ArrayRef<std::string> Files = {}) {
    setUnit(Units.size(), &Graphs, Files);
  }
  /// Gives unit Index the graphs Graphs in place of those it had (null: no
  /// graphs). The old graphs must live until this returns, the new ones as
  /// long as the program.
  void setUnit(unsigned Index, const UnitGraphs *Graphs,
               llvm::ArrayRef<std::string> Files = {});
  /// Tells that the setUnit calls before the next link replace these
  /// units: a function they alone define may move in all of them.
  void replacing(llvm::ArrayRef<unsigned> Units) {
    Replacing.insert(Units.begin(), Units.end());
  }
  /// Resolves the calls that the units set since the last link changed.
  void link();
  /// The functions the last link changed, sorted: defined anew or no
  /// longer, by another unit's graph, calling other functions, or called
  /// for the first or the last time. Every function, the first time.
  llvm::ArrayRef<unsigned> changed() const { return Changed; }
  /// Of those, the ones whose callers see them differently: defined anew
  /// or no longer, or with other guards or another name in messages.
  bool reshaped(unsigned F) const { return Reshaped[F]; }

  llvm::ArrayRef<Function> functions() const { return Functions; }
  const UnitGraphs &unit(unsigned Index) const { return *Units[Index].Graphs; }
  /// The functions a call of Caller's may run; empty when none is known.
  llvm::ArrayRef<unsigned> callees(unsigned Caller, const Event &Call) const;
  /// Whether that call may also run a function of the project in which
  /// nothing matters, through a slot: one with no graph.
  bool mayRunNothing(unsigned Caller, const Event &Call) const;
  /// The functions with a call that may run F, sorted.
  llvm::ArrayRef<unsigned> callers(unsigned F) const { return Callers[F]; }
  /// The functions F's calls may run, once per call.
  llvm::ArrayRef<unsigned> callees(unsigned F) const {
    return Calls[F].Targets;
  }
  /// Whether any function of the program calls F.
  bool hasCallers(unsigned F) const { return !Callers[F].empty(); }

private:
  struct Candidate {
    unsigned Unit;
    const FunctionGraph *Graph;
  };
  struct UnitEntry {
    const UnitGraphs *Graphs = nullptr;
    /// The functions it defines, and the slots it stores functions into.
    std::vector<unsigned> Defines;
    std::vector<std::string> StoresInto;
  };
  /// A function's resolved calls, in block order: each call's targets are
  /// Targets[Begin, End).
  struct Links {
    struct Call {
      const Event *E;
      unsigned Begin, End;
      bool RunsNothing = false;
    };
    std::vector<Call> Calls;
    std::vector<unsigned> Targets;
    /// Calls' indexes, by event address, for callees().
    std::vector<unsigned> ByEvent;
    /// Whether the calls reach the same functions, call for call: of one
    /// graph, or of twins.
    bool sameTargets(const Links &O) const {
      return Targets == O.Targets && Calls.size() == O.Calls.size() &&
             llvm::all_of(llvm::zip(Calls, O.Calls), [](const auto &Pair) {
               return std::get<0>(Pair).End == std::get<1>(Pair).End &&
                      std::get<0>(Pair).RunsNothing ==
                          std::get<1>(Pair).RunsNothing;
             });
    }
  };

  std::string qualify(llvm::StringRef Name, unsigned Unit) const;
  /// The functions a call may run; RunsNothing, where given, tells
  /// whether it may also run one of the project that has no graph.
  std::vector<unsigned> resolve(const Callee &C, unsigned Unit,
                                bool *RunsNothing = nullptr) const;
  const Links::Call *linkOf(unsigned Caller, const Event &Call) const;
  std::string definitionKey(const FunctionGraph &G, unsigned Unit,
                            llvm::ArrayRef<std::string> Files) const;
  unsigned functionFor(const FunctionGraph &G, unsigned Unit,
                       llvm::ArrayRef<std::string> Files);
  /// The functions of unit Index whose graph in Graphs says what their old
  /// one said, with the new graph: at the same place, or moved.
  llvm::DenseMap<unsigned, const FunctionGraph *>
  twins(unsigned Index, const UnitGraphs *Graphs,
        llvm::ArrayRef<std::string> Files) const;
  /// Makes F's graph its first candidate's, keeping the names it is found
  /// by in step.
  void pickGraph(unsigned F);
  void setOverrides(unsigned F, bool Add);
  Links linksOf(unsigned F);
  void relink(unsigned F, std::vector<bool> &IsChanged);

  std::vector<UnitEntry> Units;
  std::vector<Function> Functions;
  /// Per function: its qualified name, and the units that define it, in
  /// order. A function defined in a header is the same in every unit that
  /// includes it: the first unit's graph stands for all.
  std::vector<std::string> Names;
  std::vector<llvm::SmallVector<Candidate, 1>> Candidates;
  /// By name, place and unit for internal linkage: each function's number;
  /// and per function, its key there.
  llvm::StringMap<unsigned> Definitions;
  std::vector<std::string> Keys;
  /// The defined functions of each name; more than one when two programs
  /// of the database define it.
  llvm::StringMap<std::vector<unsigned>> ByName;
  llvm::StringMap<std::vector<unsigned>> Overriders;
  /// Per slot, the functions stored into it; and per function name, the
  /// slots it is stored into.
  struct Stored {
    unsigned Unit;
    /// Qualified.
    std::string Name;
    bool Library;
  };
  llvm::StringMap<std::vector<Stored>> Stores;
  llvm::StringMap<llvm::StringSet<>> StoredIn;
  /// The functions with a call of a name, or through a slot: whom a change
  /// of what the name or slot resolves to must link again. Some may no
  /// longer make that call.
  llvm::StringMap<llvm::DenseSet<unsigned>> NameCallers, SlotCallers;
  /// What changed since the last link: graphs, and graphs replaced by
  /// their twins; and the functions that moved, and the units replaced.
  llvm::DenseSet<unsigned> Regraphed, Repointed, Moved, Replacing;
  llvm::StringSet<> TouchedNames, TouchedSlots;
  std::vector<Links> Calls;
  std::vector<std::vector<unsigned>> Callers;
  std::vector<unsigned> Changed;
  std::vector<bool> Reshaped;
  /// What callers saw of each function at the last link: no graph frees
  /// while the link still needs the old one.
  struct Shape {
    bool Defined = false;
    std::vector<AccessPath> Guards;
    std::string Display;
    bool operator==(const Shape &O) const {
      return Defined == O.Defined && Guards == O.Guards && Display == O.Display;
    }
  };
  std::vector<Shape> Shapes;
};

/// One step of the way from a finding down to its rename: the function, the
/// event through which it renames, and the files as it names them.
struct Hop {
  unsigned Function = 0;
  unsigned Anchor = 0;
  Spelling Source;
  Spelling Destination;
};

/// A directory sync after a rename that does not pay for it: it syncs
/// another directory than the one the destination is in.
struct OtherDirectory {
  unsigned Function = 0;
  unsigned Anchor = 0;
  /// As that function names it.
  SyncedDirectory Directory;
};

/// A rename that some path leaves unsynced, where it is reported.
struct UnsyncedRename {
  /// The reporting function and the anchor of its rename or call.
  unsigned Function = 0;
  unsigned Anchor = 0;
  /// The callee through which it renames, for a call; empty for a rename.
  std::string Via;
  /// The destination as the reporting function names it.
  SpelledValue Destination;
  /// The new-directory fd of a renameat, and its constant value if any.
  std::optional<SpelledValue> DirFd;
  std::optional<int64_t> DirFdConstant;
  /// The block of the reporting function from which a path leaves it
  /// without a directory sync. Places are the graph's alone, so that a
  /// function that only moved keeps what was derived from it.
  unsigned LeavesFrom = 0;
  /// From the callee down to the rename; empty for a rename.
  std::vector<Hop> Chain;
  /// A sync of another directory that follows in the reporting function.
  std::optional<OtherDirectory> Other;
  /// Found by findUnsyncedCreations: the "rename" is the creation of a new
  /// file, Destination the file.
  bool Creation = false;
};

/// Finds the unsynced renames of a program, sorted by function and anchor.
std::vector<UnsyncedRename> findUnsyncedRenames(const Program &P);

/// Finds the new files of a program whose parent directory some path
/// leaves unsynced, with the same obligations: a creation (an event of
/// graphs built with recordCreations) leaves one that a directory sync
/// discharges, and that a rename or unlink of the file ends. Intent is a
/// sync of the file's data.
std::vector<UnsyncedRename> findUnsyncedCreations(const Program &P);

struct UnsyncedFiles {
  std::vector<UnsyncedRename> Renames;
  std::vector<UnsyncedRename> Creations;
};

/// Both of the above over graphs built with recordCreations, for less than
/// the two cost: where no creation can be pending, the creation analysis
/// takes the paths that sync a directory from the rename analysis.
UnsyncedFiles findUnsyncedRenamesAndCreations(const Program &P);

/// The analyses of a program, kept between its links: an update analyses
/// again the functions the last link changed and their callers, and takes
/// the others' summaries and findings from before. Its findings are those
/// of the functions above over the program as it now is.
class Analysis {
public:
  enum class Judged { Renames, Creations, Both };
  explicit Analysis(Judged What);
  ~Analysis();
  Analysis(Analysis &&);
  Analysis &operator=(Analysis &&);

  /// The findings over P after its last link: Creations empty when judging
  /// renames only, Renames when judging creations only.
  UnsyncedFiles update(const Program &P);

private:
  struct Pass;
  std::unique_ptr<Pass> Renames, Creations;
};

} // namespace durcheck::rename

#endif // DURCHECK_ANALYSIS_RENAMEOBLIGATIONS_H
