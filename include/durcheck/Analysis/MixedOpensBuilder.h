//===- MixedOpensBuilder.h - The opens of a unit, from its AST --*- C++ -*-===//
//
// Builds the plain data the mixed-I/O analysis runs over: each open the
// check matched, with its file keyed by the value that reaches it and its
// flags as the function's dataflow sees them, and each call of a project
// function with the files and flags of its arguments.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_MIXEDOPENSBUILDER_H
#define DURCHECK_ANALYSIS_MIXEDOPENSBUILDER_H

#include "durcheck/Analysis/EnclosingFunctions.h"
#include "durcheck/Analysis/MixedOpens.h"
#include "durcheck/Analysis/OpenModes.h"
#include "durcheck/Analysis/PathValues.h"
#include "durcheck/CrossTU/Locations.h"
#include "durcheck/CrossTU/Names.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <map>
#include <memory>

namespace durcheck::mixed {

class UnitBuilder {
public:
  /// The fix-it that adds O_DIRECT to a flags expression, when one can.
  using FixMaker =
      llvm::function_ref<std::optional<clang::FixItHint>(const clang::Expr &)>;
  /// Whether a warning at a place would reach the report.
  using ReportableAt = llvm::function_ref<bool(clang::SourceLocation)>;

  UnitBuilder(clang::ASTContext &Ctx, const model::OpenFlags &Flags,
              llvm::ArrayRef<model::OpenLikeFunction> OpenLikeFunctions,
              const EnclosingFunctions &Functions, crosstu::Locations &Locs,
              FixMaker AddDirect, ReportableAt Reportable);
  ~UnitBuilder();

  /// The unit's opens -- the calls and stream constructions in Candidates,
  /// in the order of the sources -- and its calls of project functions.
  UnitOpens build(llvm::ArrayRef<const clang::Expr *> Candidates);

private:
  struct Dataflow;
  Dataflow &dataflowOf(const clang::FunctionDecl &FD);
  const OpenModes &modesOf(const clang::FunctionDecl &FD);
  const PathValues &valuesOf(const clang::FunctionDecl &FD);
  const ChangedVars &changedIn(const clang::FunctionDecl &FD);
  bool needsValues(const clang::Expr *E, const clang::FunctionDecl &FD);
  const clang::FunctionDecl *enclosing(const clang::Expr *E);
  unsigned functionIndex(const clang::FunctionDecl *FD);
  void place(clang::SourceLocation Loc, const clang::FunctionDecl *FD,
             OpenSite S);
  void place(clang::SourceLocation Loc, const clang::FunctionDecl *FD,
             CallSite C);
  std::optional<OpenSite> openSite(const model::OpenCall &Open,
                                   const clang::FunctionDecl *FD);
  model::FlagSet openFlags(const model::OpenCall &Open,
                           const clang::FunctionDecl *FD,
                           const clang::CallExpr *&SetDirect);
  std::optional<CallSite> callSite(const clang::CallExpr &Call,
                                   const clang::FunctionDecl &FD);
  std::optional<AccessPath> paramPath(const clang::Expr *E,
                                      const clang::FunctionDecl &FD);
  FilePath argumentPath(const clang::Expr *Arg, const clang::FunctionDecl &FD);
  model::FlagSet argumentFlags(const clang::CallExpr &Call, unsigned I,
                               const clang::FunctionDecl &FD);
  std::optional<crosstu::UnitEdit> addDirectEdit(const clang::Expr &Flags);
  bool isProjectCall(const clang::CallExpr &Call) const;
  using CallList = llvm::SmallVector<const clang::CallExpr *, 8>;
  CallList projectCalls(const clang::FunctionDecl &FD) const;
  void
  findOpeners(llvm::ArrayRef<const clang::FunctionDecl *> Opening,
              llvm::DenseMap<const clang::FunctionDecl *, CallList> &Calls);
  bool mayOpen(const clang::FunctionDecl &Callee) const;

  clang::ASTContext &Ctx;
  const model::OpenFlags &Flags;
  llvm::ArrayRef<model::OpenLikeFunction> OpenLikeFunctions;
  const EnclosingFunctions &Functions;
  crosstu::Locations &Locs;
  FixMaker AddDirect;
  ReportableAt Reportable;
  crosstu::FunctionNames Names;
  ScratchBuffers Scratch;
  std::map<const clang::FunctionDecl *, std::unique_ptr<Dataflow>> Dataflows;
  std::map<const clang::FunctionDecl *, std::unique_ptr<ChangedVars>> Changes;
  UnitOpens Unit;
  std::map<const clang::FunctionDecl *, unsigned> FunctionIndex;
  /// Where each site is, to number the sites in the order of the sources.
  struct Place {
    clang::SourceLocation Loc;
    unsigned Function;
    bool Call;
    unsigned Index;
    unsigned Found = 0;
  };
  std::vector<Place> Places;
  /// The unit's functions, and those of them that may reach an open
  /// (canonical declarations).
  llvm::DenseSet<const clang::FunctionDecl *> Defined;
  llvm::DenseSet<const clang::FunctionDecl *> MayOpen;
};

} // namespace durcheck::mixed

#endif // DURCHECK_ANALYSIS_MIXEDOPENSBUILDER_H
