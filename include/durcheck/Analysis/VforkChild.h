//===- VforkChild.h - What a vfork child does before it execs ---*- C++ -*-===//
//
// A forward dataflow over a function's CFG. Its state is the set of vfork
// calls whose child may be running at a point and has not yet ended by
// _exit: set after the call, cleared on the branches that test the result
// as the parent's or the error's, at a call that cannot return, and after
// the child's first violation on the path.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_VFORKCHILD_H
#define DURCHECK_ANALYSIS_VFORKCHILD_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// What a vfork child did that only exec and _exit may precede.
enum class ChildAction {
  /// A call other than the allowed ones, or a non-trivial construction, new
  /// or delete.
  Call,
  /// A write to memory other than the pid that receives vfork's result.
  Write,
  /// A return from the function that called vfork.
  Return,
  /// The child reaches the end of the function's body, which returns too.
  FallOffEnd,
  /// A throw, which unwinds out of the function that called vfork.
  Throw,
};

/// The first thing a vfork child does on some path that it must not do.
struct ChildViolation {
  const clang::CallExpr *Vfork = nullptr;
  ChildAction Action = ChildAction::Call;
  /// The statement that does it; null for FallOffEnd.
  const clang::Stmt *At = nullptr;
  clang::SourceLocation Loc;
  /// Call: the callee, or null for a call through a pointer.
  const clang::FunctionDecl *Callee = nullptr;
  /// Write: the expression written, or the variable a declaration
  /// initialises.
  const clang::Expr *Written = nullptr;
  const clang::VarDecl *Declared = nullptr;
};

class VforkChildHandler {
public:
  virtual ~VforkChildHandler();
  virtual void handleViolation(const ChildViolation &V) = 0;
};

/// What a function means to a vfork child that calls it. Plain data keyed by
/// the function, so that a driver can supply it for a function of another
/// translation unit.
struct ChildSafety {
  /// It calls only functions a child may call and writes only its own
  /// locals and parameters.
  bool SafeInChild = false;
  /// No path through it returns: each ends in _exit, a noreturn call, or a
  /// loop that never ends.
  bool NeverReturns = false;
};

/// The calls a vfork child may make: the exec functions, _exit and _Exit,
/// calls that touch no memory, the functions the project lists, and
/// functions of the translation unit that only do these, transitively.
class ChildCallPolicy {
public:
  ChildCallPolicy(std::vector<std::string> AllowedFunctions,
                  clang::ASTContext &Ctx)
      : AllowedFunctions(std::move(AllowedFunctions)), Ctx(Ctx) {}

  /// Whether a child may make the call.
  bool allows(const clang::CallExpr &Call);
  /// Whether the call never returns to the child.
  bool ends(const clang::CallExpr &Call);
  /// What calling FD means to a child, judged from its body; nullopt for a
  /// function the analysis cannot judge, such as a virtual one.
  std::optional<ChildSafety> summaryOf(const clang::FunctionDecl &FD);

  clang::ASTContext &context() const { return Ctx; }

private:
  bool isListed(const clang::FunctionDecl &FD) const;
  /// The summary of the callee when this translation unit defines it,
  /// judged on first use; nullopt for one it cannot see or is still judging.
  std::optional<ChildSafety> summary(const clang::CallExpr &Call);
  ChildSafety judge(const clang::FunctionDecl &FD);

  const std::vector<std::string> AllowedFunctions;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, ChildSafety> Summaries;
  /// Functions being judged: a recursive call counts as unsafe.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 4> InProgress;
};

/// Reports, in source order, the first violation on each path of the child
/// of each vfork call in FD.
void runVforkChildAnalysis(const clang::FunctionDecl &FD,
                           ChildCallPolicy &Policy, VforkChildHandler &Handler);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_VFORKCHILD_H
