//===- ErrorBranches.cpp - Which branch a failed call takes ---------------===//

#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Model/Process.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"

using namespace clang;

namespace durcheck {

static FailureEdge flip(FailureEdge F) {
  switch (F) {
  case FailureEdge::True:
    return FailureEdge::False;
  case FailureEdge::False:
    return FailureEdge::True;
  case FailureEdge::None:
    return FailureEdge::None;
  }
  return FailureEdge::None;
}

// The call whose result a value is: the call, an assignment of it, or a
// local that is assigned one.
static const CallExpr *resultOf(const Expr *E, const FunctionFacts &Facts) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getRHS()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return Call;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD ? Facts.CallResultVars.lookup(VD) : nullptr;
}

// is_cached(), hasData(), exists(): a non-zero result is an answer, not a
// failure.
static bool isPredicateName(StringRef Name) {
  for (StringRef Prefix : {"is", "has", "can", "should", "exists", "contains",
                           "needs", "want", "may"}) {
    if (!Name.starts_with_insensitive(Prefix))
      continue;
    StringRef Rest = Name.drop_front(Prefix.size());
    if (Rest.empty() || Rest.front() == '_' || isUppercase(Rest.front()))
      return true;
  }
  return false;
}

static bool namedAsPredicate(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->getDeclName().isIdentifier() &&
         isPredicateName(Callee->getName());
}

// Whether a call reports failure as any non-zero int, the POSIX way. Bool
// results and predicates do not: for them non-zero means yes. Nor does
// fork's: a non-zero pid is the parent.
static bool failsNonZero(const CallExpr &Call) {
  QualType T = Call.getType();
  if (!T->isIntegerType() || T->isBooleanType() || model::returnsChildPid(Call))
    return false;
  return !namedAsPredicate(Call);
}

// `if (ec)` on the std::error_code of std::filesystem::rename and friends.
static bool isErrorCodeTest(const Expr *E) {
  const auto *Conv = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Conv || !isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()))
    return false;
  const CXXRecordDecl *RD = Conv->getRecordDecl();
  return RD && RD->getQualifiedNameAsString() == "std::error_code";
}

// Whether two expressions are the same count: the same constant, the
// same variable or field of the same object, or the length of the same
// string (`fwrite(s, 1, strlen(s), f) != strlen(s)`), whatever conversions
// apply -- explicit ones too, as in `write(fd, buf, len) != (ssize_t)len`.
static bool sameCount(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  A = A->IgnoreParenCasts();
  B = B->IgnoreParenCasts();
  if (std::optional<llvm::APSInt> CA = A->getIntegerConstantExpr(Ctx)) {
    std::optional<llvm::APSInt> CB = B->getIntegerConstantExpr(Ctx);
    return CB && llvm::APSInt::isSameValue(*CA, *CB);
  }
  if (const auto *RA = dyn_cast<DeclRefExpr>(A)) {
    const auto *RB = dyn_cast<DeclRefExpr>(B);
    return RB && RA->getDecl() == RB->getDecl();
  }
  const auto *LA = dyn_cast<CallExpr>(A);
  const auto *LB = dyn_cast<CallExpr>(B);
  if (LA && LB) {
    std::string Name = model::calleeName(LA);
    return (Name == "strlen" || Name == "wcslen") &&
           Name == model::calleeName(LB) && LA->getNumArgs() == 1 &&
           LB->getNumArgs() == 1 &&
           sameCount(LA->getArg(0), LB->getArg(0), Ctx);
  }
  const auto *MA = dyn_cast<MemberExpr>(A);
  const auto *MB = dyn_cast<MemberExpr>(B);
  return MA && MB && MA->getMemberDecl() == MB->getMemberDecl() &&
         MA->isArrow() == MB->isArrow() &&
         sameCount(MA->getBase(), MB->getBase(), Ctx);
}

static FailureEdge classifyComparison(BinaryOperatorKind Op, const Expr *Value,
                                      const Expr *Const, const ASTContext &Ctx,
                                      const FunctionFacts &Facts) {
  const CallExpr *Call = resultOf(Value, Facts);
  if (!Call)
    return FailureEdge::None;
  // `write(fd, buf, n) != n`: a short transfer fails too.
  if (const Expr *Count = model::transferCount(Call);
      Count && sameCount(Count, Const, Ctx)) {
    if (Op == BO_NE || Op == BO_LT)
      return FailureEdge::True;
    return Op == BO_EQ || Op == BO_GE ? FailureEdge::False : FailureEdge::None;
  }
  if (Value->IgnoreParenImpCasts()->getType()->isPointerType()) {
    if (!Const->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                      Expr::NPC_ValueDependentIsNotNull))
      return FailureEdge::None;
    if (Op == BO_EQ)
      return FailureEdge::True;
    return Op == BO_NE ? FailureEdge::False : FailureEdge::None;
  }
  std::optional<llvm::APSInt> C = Const->getIntegerConstantExpr(Ctx);
  if (!C)
    return FailureEdge::None;
  int64_t V = C->getExtValue();
  if ((Op == BO_LT && V == 0) || (Op == BO_EQ && V == -1))
    return FailureEdge::True;
  if ((Op == BO_GE && V == 0) || (Op == BO_NE && V == -1))
    return FailureEdge::False;
  if (V != 0 || !failsNonZero(*Call))
    return FailureEdge::None;
  if (Op == BO_NE)
    return FailureEdge::True;
  return Op == BO_EQ ? FailureEdge::False : FailureEdge::None;
}

FailureEdge classifyFailureTest(const Expr *Cond, const ASTContext &Ctx,
                                const FunctionFacts &Facts) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return flip(classifyFailureTest(UO->getSubExpr(), Ctx, Facts));
  if (isErrorCodeTest(Cond))
    return FailureEdge::True;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Cond))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && Facts.StatusFlags.contains(VD))
      return FailureEdge::False;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (!BO->isComparisonOp()) {
      const CallExpr *Call = resultOf(BO, Facts);
      return Call && failsNonZero(*Call) ? FailureEdge::True
                                         : FailureEdge::None;
    }
    FailureEdge F = classifyComparison(BO->getOpcode(), BO->getLHS(),
                                       BO->getRHS(), Ctx, Facts);
    if (F != FailureEdge::None)
      return F;
    // `0 > r` is `r < 0`: reverse the operator for a constant on the left.
    return classifyComparison(
        BinaryOperator::reverseComparisonOp(BO->getOpcode()), BO->getRHS(),
        BO->getLHS(), Ctx, Facts);
  }
  // A bare call result: a null pointer is a failure, and so is a non-zero
  // status.
  const CallExpr *Call = resultOf(Cond, Facts);
  if (!Call)
    return FailureEdge::None;
  if (Cond->getType()->isPointerType())
    return FailureEdge::False;
  return failsNonZero(*Call) ? FailureEdge::True : FailureEdge::None;
}

// A branch that is a return, or a block that ends in one.
static bool leavesAtOnce(const Stmt *Branch) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Branch))
    Branch = Block->body_empty() ? nullptr : Block->body_back();
  return isa_and_nonnull<ReturnStmt>(Branch);
}

// The call behind a bool result that reports failure by false.
static const CallExpr *boolStatus(const Expr *E, const FunctionFacts &Facts) {
  const CallExpr *Call = resultOf(E, Facts);
  return Call && Call->getType()->isBooleanType() && !namedAsPredicate(*Call)
             ? Call
             : nullptr;
}

FailureEdge classifyLeavingBoolTest(const Stmt *Terminator, const Expr *Cond,
                                    const FunctionFacts &Facts) {
  if (!Terminator || !Cond)
    return FailureEdge::None;
  Cond = Cond->IgnoreParenImpCasts();
  // `return ok && step;` returns false at once when ok is.
  if (const auto *And = dyn_cast<BinaryOperator>(Terminator))
    return And->getOpcode() == BO_LAnd && Facts.Returned.contains(And) &&
                   And->getLHS()->IgnoreParenImpCasts() == Cond &&
                   boolStatus(Cond, Facts)
               ? FailureEdge::False
               : FailureEdge::None;
  const auto *If = dyn_cast<IfStmt>(Terminator);
  if (!If || If->getCond()->IgnoreParenImpCasts() != Cond)
    return FailureEdge::None;
  bool Negated = false;
  while (const auto *UO = dyn_cast<UnaryOperator>(Cond)) {
    if (UO->getOpcode() != UO_LNot)
      return FailureEdge::None;
    Negated = !Negated;
    Cond = UO->getSubExpr()->IgnoreParenImpCasts();
  }
  if (!boolStatus(Cond, Facts) ||
      !leavesAtOnce(Negated ? If->getThen() : If->getElse()))
    return FailureEdge::None;
  return Negated ? FailureEdge::True : FailureEdge::False;
}

} // namespace durcheck
