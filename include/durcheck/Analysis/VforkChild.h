//===- VforkChild.h - What a vfork child does before it execs ---*- C++ -*-===//
//
// A forward dataflow over a function's CFG. Its state is the set of vfork
// calls whose child may be running at a point and has not yet ended by
// _exit: set after the call, cleared on the branches that test the result
// as the parent's or the error's, at a call that cannot return, and after
// the child's first violation on the path.
//
// Some calls only the whole program can judge: a call of a function this
// unit cannot see, or of one of its own functions that makes such a call.
// The walk cuts the child's paths at these open calls into pieces -- from
// where the child starts, or from the return of an open call, to the open
// calls reached next -- so that a join over every unit can put them back
// together once it knows each callee. Alone, the unit takes every open call
// for a violation, as clang-tidy must.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_ANALYSIS_VFORKCHILD_H
#define DURCHECK_ANALYSIS_VFORKCHILD_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
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

/// A stretch of a child's paths between open calls. The child of a vfork
/// call starts a piece at the call; a function judged as called by a child
/// starts one at its entry; and each open call that a piece reaches starts
/// another at its return.
struct ChildPiece {
  /// The vfork call whose child this is; null for a judged function.
  const clang::CallExpr *Vfork = nullptr;
  /// The open call after whose return it starts; null at the start.
  const clang::CallExpr *After = nullptr;
  /// The first violation on each of its paths, in source order. Those of a
  /// vfork child include falling off the end.
  std::vector<ChildViolation> Violations;
  /// The pieces that start at the open calls it reaches.
  std::vector<unsigned> Reaches;
  /// A judged function: one of its paths returns.
  bool Returns = false;

  /// The violation at the open call it follows, when the callee turns out
  /// to be unsafe.
  ChildViolation unsafeCall() const;
};

/// A step down the chain of calls that makes a call unsafe in a child: a
/// function the call reaches, and the first thing it does that a child must
/// not.
struct ChildStep {
  const clang::FunctionDecl *In = nullptr;
  ChildViolation What;
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

/// What calling a function of this unit means to a vfork child.
struct ChildSummary {
  /// As the unit alone judges it, every open call being unsafe.
  ChildSafety Safety;
  /// When it makes open calls: its pieces, its entry's first; else empty.
  std::vector<ChildPiece> Pieces;
  /// When it is unsafe alone: the first thing it does that a child must not,
  /// in source order, an open call counting as one.
  std::optional<ChildViolation> Why;

  bool isOpen() const { return !Pieces.empty(); }
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
  /// Whether only the whole program can tell what the call means to a
  /// child: its callee is unseen, or calls an unseen function on some path.
  bool isOpen(const clang::CallExpr &Call);
  /// Whether the call may be open: a cheap test that judges nothing.
  bool mayBeOpen(const clang::CallExpr &Call) const;
  /// What calling FD means to a child, judged from its body on first use;
  /// null for a function the analysis cannot judge, such as a virtual one,
  /// or one it is still judging (recursion is not trusted).
  const ChildSummary *summaryOf(const clang::FunctionDecl &FD);
  /// The steps from What, done in In, down through the callees whose bodies
  /// the unit sees and judges unsafe, each step's violation being a call of
  /// the next; the chain stops at a callee it has walked through already.
  std::vector<ChildStep> chain(const clang::FunctionDecl &In,
                               const ChildViolation &What);
  /// The chain below a call of Callee that makes the call unsafe; empty when
  /// the unit cannot tell why, or the call is safe.
  std::vector<ChildStep> chainBelow(const clang::FunctionDecl &Callee);

  clang::ASTContext &context() const { return Ctx; }

private:
  bool isListed(const clang::FunctionDecl &FD) const;
  /// Whether FD is defined in another unit, if anywhere: an external
  /// function without a body here, outside the system headers, which the
  /// model judges.
  bool isUnseen(const clang::FunctionDecl &FD) const;
  /// The callee of a call the model and the options do not settle.
  const clang::FunctionDecl *judgedCallee(const clang::CallExpr &Call) const;
  std::optional<ChildSafety> summary(const clang::CallExpr &Call);
  ChildSummary judge(const clang::FunctionDecl &FD);

  const std::vector<std::string> AllowedFunctions;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<ChildSummary>>
      Summaries;
  /// Functions being judged: a recursive call counts as unsafe.
  llvm::SmallPtrSet<const clang::FunctionDecl *, 4> InProgress;
};

/// Reports, in source order, the first violation on each path of the child
/// of each vfork call in FD, every open call being unsafe; and returns the
/// children's pieces, the start of each vfork call's child first, in the
/// order of the calls.
std::vector<ChildPiece> runVforkChildAnalysis(const clang::FunctionDecl &FD,
                                              ChildCallPolicy &Policy,
                                              VforkChildHandler &Handler);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_VFORKCHILD_H
