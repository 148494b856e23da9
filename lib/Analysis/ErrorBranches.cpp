//===- ErrorBranches.cpp - Which branch a failed call takes ---------------===//

#include "durcheck/Analysis/ErrorBranches.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

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

// A value that is a call's result: the call, an assignment of it, or a local
// that is assigned one.
static bool isCallResult(const Expr *E, const FunctionFacts &Facts) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getRHS()->IgnoreParenImpCasts();
  if (isa<CallExpr>(E))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && Facts.CallResultVars.contains(VD);
}

// `if (ec)` on the std::error_code of std::filesystem::rename and friends.
static bool isErrorCodeTest(const Expr *E) {
  const auto *Conv = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Conv || !isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()))
    return false;
  const CXXRecordDecl *RD = Conv->getRecordDecl();
  return RD && RD->getQualifiedNameAsString() == "std::error_code";
}

static FailureEdge classifyComparison(BinaryOperatorKind Op, const Expr *Value,
                                      const Expr *Const, const ASTContext &Ctx,
                                      const FunctionFacts &Facts) {
  if (!isCallResult(Value, Facts))
    return FailureEdge::None;
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
  if ((Op == BO_LT && V == 0) || (Op == BO_EQ && V == -1) ||
      (Op == BO_NE && V == 0))
    return FailureEdge::True;
  if ((Op == BO_GE && V == 0) || (Op == BO_NE && V == -1) ||
      (Op == BO_EQ && V == 0))
    return FailureEdge::False;
  return FailureEdge::None;
}

FailureEdge classifyFailureTest(const Expr *Cond, const ASTContext &Ctx,
                                const FunctionFacts &Facts) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return flip(classifyFailureTest(UO->getSubExpr(), Ctx, Facts));
  if (isErrorCodeTest(Cond))
    return FailureEdge::True;
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (!BO->isComparisonOp())
      return isCallResult(BO, Facts) ? FailureEdge::True : FailureEdge::None;
    FailureEdge F = classifyComparison(BO->getOpcode(), BO->getLHS(),
                                       BO->getRHS(), Ctx, Facts);
    if (F != FailureEdge::None)
      return F;
    // `0 > r` is `r < 0`: reverse the operator for a constant on the left.
    return classifyComparison(
        BinaryOperator::reverseComparisonOp(BO->getOpcode()), BO->getRHS(),
        BO->getLHS(), Ctx, Facts);
  }
  // A bare call result: non-zero is a failure, a null pointer is one.
  if (!isCallResult(Cond, Facts))
    return FailureEdge::None;
  return Cond->getType()->isPointerType() ? FailureEdge::False
                                          : FailureEdge::True;
}

} // namespace durcheck
