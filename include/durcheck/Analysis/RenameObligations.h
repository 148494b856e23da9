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
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace durcheck::rename {

/// The functions of a program: one unit's under clang-tidy, every unit's in
/// the join. Names of internal linkage are kept apart per unit.
class Program {
public:
  struct Function {
    const FunctionGraph *Graph;
    unsigned Unit;
  };

  /// Adds a unit's graphs, with the unit's file table when there are
  /// several units; they must outlive the program.
  void addUnit(const UnitGraphs &Graphs,
               llvm::ArrayRef<std::string> Files = {});
  /// Resolves the calls; call after the last addUnit.
  void link();

  llvm::ArrayRef<Function> functions() const { return Functions; }
  const UnitGraphs &unit(unsigned Index) const { return *Units[Index]; }
  /// The functions a call of Caller's may run; empty when none is known.
  llvm::ArrayRef<unsigned> callees(unsigned Caller, const Event &Call) const;
  /// Whether any function of the program calls F.
  bool hasCallers(unsigned F) const { return HasCallers[F]; }

private:
  std::string qualify(llvm::StringRef Name, unsigned Unit) const;
  std::vector<unsigned> resolve(const Callee &C, unsigned Unit) const;

  std::vector<const UnitGraphs *> Units;
  std::vector<Function> Functions;
  /// The functions of each name; more than one when two programs of the
  /// database define it.
  llvm::StringMap<std::vector<unsigned>> ByName;
  llvm::StringSet<> Definitions;
  llvm::StringMap<std::vector<unsigned>> Overriders;
  llvm::StringMap<std::vector<unsigned>> SlotTargets;
  /// Per function, per call event in block order, the resolved callees.
  std::vector<llvm::DenseMap<const Event *, std::vector<unsigned>>> Calls;
  std::vector<bool> HasCallers;
};

/// One step of the way from a finding down to its rename: the function, the
/// event through which it renames, and the files as it names them.
struct Hop {
  unsigned Function = 0;
  unsigned Anchor = 0;
  Spelling Source;
  Spelling Destination;
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
  /// A path that leaves without a directory sync.
  Leave LeavesAt;
  /// From the callee down to the rename; empty for a rename.
  std::vector<Hop> Chain;
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

} // namespace durcheck::rename

#endif // DURCHECK_ANALYSIS_RENAMEOBLIGATIONS_H
