//===- OpenModes.h - The flags each open of a function passes ---*- C++ -*-===//
//
// A forward dataflow over one function's CFG that follows open flags built
// in local variables (int flags = O_RDONLY; flags |= O_DIRECT;) and the
// descriptors that fcntl(F_SETFL) later gives O_DIRECT. A parameter holds
// the flags its caller passes, which only a call can tell.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_OPENMODES_H
#define DURCHECK_ANALYSIS_OPENMODES_H

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace durcheck {

/// What the dataflow found at the opens and fcntls of one function.
struct OpenModes {
  /// The flags each open passes, with the values its locals hold there.
  llvm::DenseMap<const clang::CallExpr *, model::FlagSet> Flags;
  /// Opens whose descriptor a later fcntl(F_SETFL) may give O_DIRECT, with
  /// the first such fcntl.
  llvm::DenseMap<const clang::CallExpr *, const clang::CallExpr *> SetDirect;
  /// The flags each integer argument of the other calls passes, for a
  /// callee that opens with them; unknown for the other arguments.
  llvm::DenseMap<const clang::CallExpr *, std::vector<model::FlagSet>> CallArgs;
};

/// Recognises the opens whose flags the dataflow records.
using OpenMatcher =
    llvm::function_ref<std::optional<model::OpenCall>(const clang::CallExpr *)>;

/// Tracks, for each local integer whose address is never taken, the flags it
/// may and must hold and the opens whose descriptor it may hold.
OpenModes runOpenModeAnalysis(const clang::FunctionDecl &FD,
                              const clang::CFG &G, clang::ASTContext &Ctx,
                              const model::OpenFlags &Flags, OpenMatcher Match);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_OPENMODES_H
