//===- PathValues.h - The path a variable holds at each read ----*- C++ -*-===//
//
// A path's identity is its value, not the variable that holds it. One
// scratch buffer that snprintf fills with a data file's name and later with
// a log's name holds two files. A forward dataflow over one function's CFG
// finds the value that reaches each read of a path variable: the value it
// had on entry, the fill or assignment that defined it, or the merge of
// several. A read is keyed by what that value names -- the fill's format and
// the keys of its arguments, or the key of what was copied or assigned --
// and, when that cannot be told, by the value itself, which only that
// function can name.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_PATHVALUES_H
#define DURCHECK_ANALYSIS_PATHVALUES_H

#include "durcheck/Model/PathKey.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <vector>

namespace durcheck {

/// The char arrays of static storage that a unit writes at two places or
/// more: scratch buffers, whose value at a function's entry is not known.
/// Others, filled once or never, are one file wherever they are read.
class ScratchBuffers {
public:
  /// A function whose body's writes into arrays count.
  void addFunction(const clang::FunctionDecl &FD) { Functions.push_back(&FD); }
  bool contains(const clang::VarDecl *VD) const;

private:
  void count(const clang::FunctionDecl &FD) const;

  std::vector<const clang::FunctionDecl *> Functions;
  /// Counted when a global array is first asked of: most units never ask.
  mutable std::optional<llvm::DenseMap<const clang::VarDecl *, unsigned>>
      Writes;
};

/// The variables a function's body declares, assigns, writes through or
/// lets escape. Any other holds at every read what it held on entry, which
/// takes no dataflow to know.
class ChangedVars {
public:
  explicit ChangedVars(const clang::FunctionDecl &FD);
  bool contains(const clang::VarDecl *VD) const {
    return Changed.contains(VD->getCanonicalDecl());
  }

private:
  llvm::DenseSet<const clang::VarDecl *> Changed;
};

/// What the dataflow found at the reads of one function's path variables.
struct PathValues {
  /// The key of each read of a tracked variable, by the value that
  /// reaches it.
  model::ReadKeys Keys;
  /// The reads of a parameter that still holds what its caller passed.
  llvm::DenseSet<const clang::DeclRefExpr *> AtEntry;
};

/// Tracks the parameters, the local char arrays and pointers, and the
/// static ones that the function writes or that are scratch buffers, as
/// long as their address does not escape.
PathValues runPathValueAnalysis(const clang::FunctionDecl &FD,
                                const clang::CFG &G, clang::ASTContext &Ctx,
                                const ScratchBuffers &Scratch);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_PATHVALUES_H
