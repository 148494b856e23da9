//===- ChildSummaries.h - vfork children across units -----------*- C++ -*-===//
//
// The pieces of VforkChild.h as plain data, named by cross-TU names, so that
// the join can put a child's paths back together across units without an
// AST. A function a child may call is summarised by its pieces; the join
// solves what every function means to a child over the whole program, then
// walks each child's pieces with those answers.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_CHILDSUMMARIES_H
#define DURCHECK_ANALYSIS_CHILDSUMMARIES_H

#include "durcheck/CrossTU/Sink.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <string>
#include <vector>

namespace durcheck::vfork {

/// What a function means to a vfork child that calls it. Each status lets
/// the child do all that the one before does: the join's answers only go
/// down from NeverReturns as it learns more.
enum class Status : uint8_t {
  /// It may call or write what a child must not, or nobody knows.
  Unsafe,
  /// It is safe, and may return to the child.
  Returns,
  /// It is safe, and never returns: it execs, exits or loops.
  NeverReturns,
};

/// A stretch of paths between open calls (ChildPiece), as plain data.
struct Piece {
  /// The cross-TU name of the function whose open call it starts after;
  /// empty for a piece that starts where the child or function does.
  std::string After;
  /// The pieces that start after the open calls it reaches.
  std::vector<unsigned> Reaches;
  /// A function's piece: the notes that show the first thing it does that
  /// a child must not, down the chain of calls its unit sees, or none; and
  /// whether it may return.
  std::vector<crosstu::UnitMessage> Why;
  bool Returns = false;
  /// A function's piece after an open call: the note at the call, which
  /// the chain below the callee continues when the callee is unsafe.
  std::vector<crosstu::UnitMessage> Call;
  /// A child's piece: its findings, by index into its unit's findings; and
  /// the finding at the open call it starts after, made when the callee
  /// is unsafe, whose notes [ChainAt, ChainAt + ChainLen) are the chain below
  /// the callee as far as the unit sees it.
  std::vector<unsigned> Findings;
  unsigned UnsafeCall = 0;
  unsigned ChainAt = 0;
  unsigned ChainLen = 0;

  bool isStart() const { return After.empty(); }
};

/// A function a child may call, in pieces, its entry's first.
struct Function {
  std::string Name;
  std::vector<Piece> Pieces;
};

using StatusOf = llvm::function_ref<Status(llvm::StringRef Name)>;

/// Walks the pieces a child runs: from the starts, into the piece after an
/// open call when Callee says that its callee returns. Ran(P) is called for
/// each piece run; Unsafe(P) for each piece whose open call is made to an
/// unsafe callee.
void walkPieces(llvm::ArrayRef<Piece> Pieces, StatusOf Callee,
                llvm::function_ref<void(const Piece &)> Ran,
                llvm::function_ref<void(const Piece &)> Unsafe);

/// What F means to a child, its open calls' callees having the statuses
/// Callee gives.
Status statusOf(const Function &F, StatusOf Callee);

/// The functions of every unit a child may call, kept while units change.
/// Names are numbered as units are set, so that solving the whole program
/// again after one unit changes hashes the strings of that unit only.
class Program {
public:
  struct Definition {
    const Function *F;
    unsigned Unit;
  };

  /// Replaces the functions of unit U, which stay alive until the next
  /// setUnit(U); an empty list takes the unit out.
  void setUnit(unsigned U, llvm::ArrayRef<Function> Functions);
  /// Solves the whole program: the greatest fixpoint, so that functions
  /// that call each other across units and only exec are safe. A name
  /// defined more than once takes its safest definition; one defined
  /// nowhere is unsafe.
  void solve();
  /// A name's status, as the last solve() found it.
  Status status(llvm::StringRef Name) const;
  /// A name's definitions, in the order of the units, as of the last
  /// solve().
  llvm::ArrayRef<Definition> definitions(llvm::StringRef Name) const;

private:
  /// A function with its name's number, and the number of the callee
  /// each of its pieces starts after (None for a start).
  struct Numbered {
    const Function *F;
    unsigned Name;
    std::vector<unsigned> After;
  };
  static constexpr unsigned None = ~0u;
  unsigned number(llvm::StringRef Name);

  llvm::StringMap<unsigned> Numbers;
  std::vector<std::vector<Numbered>> Units;
  /// By name's number: its status, and where its definitions begin in
  /// Definitions (the next name's begin ends them).
  std::vector<Status> Statuses;
  std::vector<unsigned> DefinitionsAt;
  std::vector<Definition> Definitions;
};

/// Whether every piece that a piece reaches exists and starts after an
/// open call.
bool wellFormed(llvm::ArrayRef<Piece> Pieces);

llvm::json::Value toJSON(const Function &F);
bool fromJSON(const llvm::json::Value &V, Function &F, llvm::json::Path P);
/// A child's piece, which carries findings instead of flags.
llvm::json::Value childPieceJSON(const Piece &P);
bool readChildPiece(const llvm::json::Value &V, Piece &P,
                    llvm::json::Path Path);

} // namespace durcheck::vfork

#endif // DURCHECK_ANALYSIS_CHILDSUMMARIES_H
