//===- OpenSummaries.h - Opens through wrappers, over a call graph -*- C++ -*-//
//
// The compositional analysis of the mixed-I/O check. A function that opens
// one of its parameters (or a field reached through one), or opens with
// flags its caller passes, has a summary: "opens parameter k with mode M",
// or "opens parameter k, or the file keyed K, with the flags of parameter j
// or'ed with these". A call of it is then an open at the call site, with
// the argument's key and the mode the argument's flags decide; a call of a
// wrapper of a wrapper composes the same way. Summaries are computed
// bottom-up to a fixpoint, recursion included.
//
// Every open whose file and mode are known -- an open, or a call that opens
// through its callees -- is then paired with a direct open of the same
// file. The analysis reads plain data, so it runs over one unit under
// clang-tidy and over every unit in the driver's join alike.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_OPENSUMMARIES_H
#define DURCHECK_ANALYSIS_OPENSUMMARIES_H

#include "durcheck/Analysis/MixedOpens.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck::mixed {

/// The functions of a program: one unit's under clang-tidy, every unit's in
/// the join, kept there while units change. Names of internal linkage are
/// kept apart per unit. Names are numbered as units are set, so that
/// linking the whole program again after one unit changes hashes the
/// strings of that unit only.
class Program {
public:
  struct Function {
    const OpenFunction *F;
    unsigned Unit;
  };

  /// Adds a unit's functions, with the unit's file table when there are
  /// several units; they must outlive the program.
  void addUnit(const UnitOpens &U, llvm::ArrayRef<std::string> Files = {});
  /// Replaces unit Index (null takes it out); its opens and files stay
  /// alive until the next setUnit(Index).
  void setUnit(unsigned Index, const UnitOpens *U,
               llvm::ArrayRef<std::string> Files);
  /// Resolves the calls; call after the last setUnit.
  void link();

  llvm::ArrayRef<Function> functions() const { return Functions; }
  const UnitOpens &unit(unsigned Index) const { return *Units[Index].Opens; }
  /// The name of a file of a unit, which tells the places of several
  /// units apart.
  std::string fileName(unsigned Unit, unsigned File) const;
  /// The function a call reaches, when the program defines exactly one.
  std::optional<unsigned> callee(unsigned Caller, unsigned Call) const {
    return Callees[CalleesAt[Caller] + Call];
  }
  llvm::ArrayRef<unsigned> callers(unsigned F) const {
    return llvm::ArrayRef(Callers).slice(CallersAt[F],
                                         CallersAt[F + 1] - CallersAt[F]);
  }

private:
  /// A function's numbers: of its name (None for the opens outside any
  /// function), of the file it is defined in, and of each call's callee.
  struct Numbered {
    unsigned Name;
    unsigned File;
    std::vector<unsigned> Callees;
  };
  struct Unit {
    const UnitOpens *Opens = nullptr;
    llvm::ArrayRef<std::string> Files;
    std::vector<Numbered> Numbers;
  };
  static constexpr unsigned None = ~0u;
  unsigned nameNumber(llvm::StringRef Name, unsigned Unit);

  std::vector<Unit> Units;
  llvm::StringMap<unsigned> NameNumbers, FileNumbers;
  /// Linked: the functions in the order of the units, each call's callee
  /// from CalleesAt[caller], and each function's callers from CallersAt.
  std::vector<Function> Functions;
  std::vector<unsigned> CalleesAt, CallersAt, Callers;
  std::vector<std::optional<unsigned>> Callees;
};

/// A step of a function: one of its opens, or one of its calls.
struct StepRef {
  unsigned Function = 0;
  bool ViaCall = false;
  unsigned Index = 0;
};

/// One level of the way from a call down to the open it makes.
struct Hop {
  StepRef Step;
  /// The file as that function names it.
  std::string Spelling;
};

/// An open whose file and mode are known: an open, or a call that opens
/// through its callees.
struct ResolvedOpen {
  StepRef Step;
  unsigned Unit = 0;
  crosstu::Loc At;
  bool Reportable = true;
  model::PathKey Key;
  CacheMode Mode = CacheMode::Buffered;
  bool Reads = true;
  /// Whether the open at the end of the chain takes O_* flags.
  bool TakesFlags = true;
  /// Whether a fcntl gave it O_DIRECT, at DirectAt for an open.
  bool SetByFcntl = false;
  crosstu::Loc DirectAt;
  /// The path as the function of the step spells it.
  std::string Spelling;
  /// The edit at the step that adds O_DIRECT to its flags.
  std::optional<crosstu::UnitEdit> AddDirect;
  /// From the callee down to the open; empty for an open.
  std::vector<Hop> Chain;
};

/// A buffered open and the direct open of the same file it meets.
struct MixedFinding {
  ResolvedOpen Buffered;
  ResolvedOpen Direct;
};

/// The buffered opens of a program that meet a direct open of the same
/// file, in the order of the units and of their sources. An open that
/// several units see (in a header) counts once.
std::vector<MixedFinding> findMixedFindings(const Program &P);

} // namespace durcheck::mixed

#endif // DURCHECK_ANALYSIS_OPENSUMMARIES_H
