//===- RenameGraph.h - A function as the rename analysis sees it -*- C++ -*-//
//
// A function's CFG reduced to what decides whether a rename is durable: the
// renames, directory syncs, data syncs, writes and calls, on the paths
// between them, with the branches taken on failure and the branches on a
// flag. Plain data, built from the AST in a unit (RenameGraphBuilder) and
// written to its result file, so that the join runs the same analysis over
// the graphs of every unit without an AST.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_RENAMEGRAPH_H
#define DURCHECK_ANALYSIS_RENAMEGRAPH_H

#include "durcheck/Analysis/AccessPath.h"
#include "durcheck/CrossTU/Sink.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace durcheck::rename {

/// Whom a call reaches.
struct Callee {
  enum KindType : uint8_t {
    /// A function, by its cross-TU name.
    Direct,
    /// A virtual method, by the cross-TU name of the method called: any
    /// override of it may run.
    Virtual,
    /// A function pointer or std::function held in a field or variable, by
    /// the slot's key: any function stored into that slot may run.
    Slot,
  };
  KindType Kind = Direct;
  std::string Name;
  /// How the call names what it calls, when that is not the function's own
  /// name: `env->RenameFile`, `ops->rename`, a lambda's variable.
  std::string Display;
};

enum class EventKind : uint8_t {
  /// Args: source, destination, and for renameat the new directory's fd.
  Rename,
  /// Args: the arguments; Object: what a method is called on.
  Call,
  /// A sync of a directory. Args, in graphs built for creations: the
  /// arguments held by globals of a call to a directory-sync function
  /// (fsync_parent_path(tar->path)).
  DirSync,
  /// fsync or fdatasync of a file; Args: the fd, and the file it holds when
  /// known. Also pays for a renameat into that fd.
  FdSync,
  /// An open that writes or creates a file; Args: the file.
  Write,
  /// An open that creates a new file, in graphs built for creations;
  /// Args: the file, and for openat the directory's fd.
  Create,
  /// An unlink of a file; Args: the file.
  Remove,
};

/// The directory a sync makes durable, as the function names it.
struct SyncedDirectory {
  SpelledValue Value;
  /// Value is a file whose parent is synced (the DirSyncFunction helper's
  /// argument), not the directory itself.
  bool ParentOf = false;

  bool operator==(const SyncedDirectory &O) const {
    return Value.Value == O.Value.Value && ParentOf == O.ParentOf;
  }
};

struct Event {
  EventKind Kind = EventKind::Call;
  Callee Target;
  std::vector<SpelledValue> Args;
  std::optional<SpelledValue> Object;
  /// An integer or null constant, per argument, for the flags a callee tests.
  std::vector<std::optional<int64_t>> Constants;
  /// For a DirSync: the directory, where the function can name it; else
  /// any directory may be the one synced (sync(), an fd of unknown origin).
  std::optional<SyncedDirectory> Directory;
  /// Index into the function's anchors; -1 for events no finding is at.
  int Anchor = -1;
};

/// Where a finding would be reported, with what a fix needs there.
struct Anchor {
  crosstu::Loc At;
  /// Whether a warning of the rename check, and one of the creation check,
  /// there reaches the report (NOLINT, header filter).
  bool Reportable = true;
  bool CreationReportable = true;
  /// The statement around the call, as a fix sees it.
  enum FixKind : uint8_t {
    NoFix,
    /// Insert after the statement (Offset), indented by Indent.
    InsertAfter,
    /// `return call(...);` from Offset to End, rewritten around CallCode;
    /// or, where ResultCode is set, `return expr;` whose expr holds the call.
    RewriteReturn,
  };
  FixKind Fix = NoFix;
  /// The fix is safe and compiles: it goes on the warning.
  bool FixOnWarning = false;
  unsigned Offset = 0;
  unsigned End = 0;
  std::string Indent;
  std::string CallCode;
  /// The returned expression with the call spelled `(durcheck_rc = call)`,
  /// and its type: empty where the call is all that is returned.
  std::string ResultType;
  std::string ResultCode;
};

/// A flag the function tests and never changes: a parameter, a global or a
/// field of either. Paths are told apart by its value.
struct GuardTest {
  uint8_t Guard = 0;
  bool Value = false;
};

struct Edge {
  unsigned To = 0;
  /// Taken when the call tested by the branch failed: an error path owes no
  /// sync.
  bool Failure = false;
  std::optional<GuardTest> Guard;
};

enum class LeaveKind : uint8_t { Return, EndOfBody };

struct Leave {
  LeaveKind Kind = LeaveKind::Return;
  crosstu::Loc At;
};

struct Block {
  std::vector<Event> Events;
  std::vector<Edge> Succs;
  /// Set when the block flows into the function's exit.
  std::optional<Leave> LeavesHere;
};

struct FunctionGraph {
  /// The cross-TU name; functions of internal linkage begin with '@'.
  std::string Name;
  /// The name a message gives it.
  std::string Display;
  /// Where it is defined: two units that define a function of one name at
  /// two places (two programs in one database) define two functions.
  crosstu::Loc Where;
  /// Only its own unit can call it: internal linkage, address not taken.
  bool InternalOnly = false;
  /// Methods it overrides, by cross-TU name, through every base.
  std::vector<std::string> Overrides;
  std::vector<AccessPath> Guards;
  /// Block 0 is the entry; an edge to Blocks.size() reaches the exit.
  std::vector<Block> Blocks;
  /// The blocks that flow into the exit, in the order their leave points
  /// are preferred for a note.
  std::vector<unsigned> Exits;
  std::vector<Anchor> Anchors;
  /// A hash of the JSON the graph was read from (crosstu::hashJSON), where
  /// a join that runs again read it; else 0.
  uint64_t Fingerprint = 0;
  /// placelessFingerprint() of that JSON, likewise.
  uint64_t PlacelessFingerprint = 0;

  unsigned exit() const { return Blocks.size(); }
};

/// A function stored into a slot: `ops.rename = posix_rename;`.
struct SlotStore {
  std::string Slot;
  std::string Function;
  /// Declared in a system header: what it does is not known. A function of
  /// the project with no graph does nothing that matters.
  bool Library = false;
};

/// A unit's include insertion for a header a fix needs, per file.
struct IncludeEdit {
  unsigned File = 0;
  std::string Header;
  unsigned Offset = 0;
  std::string Text;
};

/// What the rename check of one unit leaves for the join.
struct UnitGraphs {
  std::vector<FunctionGraph> Functions;
  std::vector<SlotStore> Slots;
  std::vector<IncludeEdit> Includes;
  /// The graphs record creations and unlinks too (recordCreations): the
  /// creation analysis can run over them as well as the rename analysis.
  bool Creations = false;
  /// The unit's options and language, which fixes and intent depend on.
  bool RequireIntent = true;
  bool CPlusPlus17 = false;
  std::string DirSyncFunction;
};

/// The rename check's section, typed.
struct GraphsSection : crosstu::TypedSection {
  UnitGraphs Graphs;
  llvm::json::Value toJSON() const override;
};

/// Leaves out the blocks that are only a step on the way -- no event, no
/// leave point, one plain edge -- which the analysis passes through
/// unchanged, so that result files hold the graph's decisions only.
void contract(FunctionGraph &G);

/// Whether two graphs say the same in their result files, by their
/// fingerprints; false where either has none.
bool sameGraph(const FunctionGraph &A, const FunctionGraph &B);
/// A hash of a function's JSON (as a result file holds it) but its places
/// -- where it, its anchors and its leave points are -- and its calls'
/// constants: what the analysis reads of it, the constants aside. Equal
/// for a function that only moved.
uint64_t placelessFingerprint(const llvm::json::Value &Function);
/// Whether a callee of a call may test its argument Arg: only then does a
/// constant passed there count.
using ConstantTested = llvm::function_ref<bool(const Event &, unsigned Arg)>;
/// Whether two graphs of the same shape pass the same constants where a
/// callee tests them (ereport's __LINE__ moves with the function).
bool sameTestedConstants(const FunctionGraph &A, const FunctionGraph &B,
                         ConstantTested Tested);

llvm::json::Value toJSON(const UnitGraphs &U);
bool fromJSON(const llvm::json::Value &V, UnitGraphs &U, llvm::json::Path P);

} // namespace durcheck::rename

#endif // DURCHECK_ANALYSIS_RENAMEGRAPH_H
