//===- FileSyncFixIt.cpp - The data sync a fix inserts before a close -----===//

#include "Checks/FileSyncFixIt.h"
#include "Checks/RenameFixIt.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Analysis/Spelling.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace durcheck {
namespace {

// `if (fd < 0) return -1;`: a test of a call's failure whose branch leaves.
bool isFailureGuard(const Stmt *S, const ASTContext &Ctx,
                    const FunctionFacts &Facts) {
  const auto *If = dyn_cast<IfStmt>(S);
  return If && !If->getElse() && !If->getInit() &&
         !If->getConditionVariable() && rename::leavesScope(If->getThen()) &&
         classifyFailureTest(If->getCond(), Ctx, Facts) == FailureEdge::True;
}

// The nearest failure test before the statement that holds the close, in
// its block or, failing that, in the blocks around it.
const IfStmt *nearestGuard(llvm::ArrayRef<const Stmt *> Ancestors,
                           const ASTContext &Ctx, const FunctionFacts &Facts) {
  for (size_t K = Ancestors.size() - 1; K-- > 0;) {
    const auto *Block = dyn_cast<CompoundStmt>(Ancestors[K]);
    if (!Block)
      continue;
    const IfStmt *Last = nullptr;
    for (const Stmt *Child : Block->body()) {
      if (Child == Ancestors[K + 1])
        break;
      if (isFailureGuard(Child, Ctx, Facts))
        Last = cast<IfStmt>(Child);
    }
    if (Last)
      return Last;
  }
  return nullptr;
}

// The statement of a block that holds the close: what the fix goes before.
const Stmt *holderOf(llvm::ArrayRef<const Stmt *> Ancestors) {
  for (size_t K = Ancestors.size() - 1; K-- > 0;)
    if (isa<CompoundStmt>(Ancestors[K]))
      return Ancestors[K + 1];
  return nullptr;
}

// A statement of the branch as one line of code, or nullopt for one that
// does not fit on one.
std::optional<std::string> lineOf(const Stmt *S, const ASTContext &Ctx) {
  std::optional<StringRef> Text = sourceText(S->getSourceRange(), Ctx);
  if (!Text || Text->contains('\n'))
    return std::nullopt;
  if (isa<DeclStmt>(S))
    return Text->str();
  if (isa<Expr, ReturnStmt, GotoStmt, BreakStmt, ContinueStmt>(S))
    return Text->str() + ";";
  return std::nullopt;
}

// Whether the branch already closes the handle, or leaves by a jump to a
// cleanup that does.
bool closesOrJumps(llvm::ArrayRef<const Stmt *> Branch, StringRef Handle,
                   const ASTContext &Ctx) {
  for (const Stmt *S : Branch) {
    if (isa<GotoStmt>(S))
      return true;
    const auto *E = dyn_cast<Expr>(S);
    const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreParenCasts()) : nullptr;
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->getDeclName().isIdentifier() ||
        !StringRef(Callee->getName().lower()).ends_with("close") ||
        Call->getNumArgs() == 0)
      continue;
    if (sourceText(Call->getArg(0)->getSourceRange(), Ctx) ==
        std::optional<StringRef>(Handle))
      return true;
  }
  return false;
}

bool declared(StringRef Name, ASTContext &Ctx) {
  return !Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)).empty();
}

} // namespace

std::optional<FixItHint> fileSyncFix(const RenamedUnsynced &F,
                                     const FunctionFacts &Facts,
                                     ASTContext &Ctx) {
  bool Stdio = F.Kind == RenamedUnsynced::Stdio;
  if (!F.Close || F.Kind == RenamedUnsynced::Stream || F.CloseAncestors.empty())
    return std::nullopt;
  if (!declared("fsync", Ctx) || (Stdio && !declared("fileno", Ctx)))
    return std::nullopt;
  std::optional<StringRef> Handle =
      sourceText(F.Close->getArg(0)->getSourceRange(), Ctx);
  const Stmt *Holder = holderOf(F.CloseAncestors);
  const IfStmt *Guard = nearestGuard(F.CloseAncestors, Ctx, Facts);
  if (!Handle || Handle->contains('\n') || !Holder || !Guard ||
      Holder->getBeginLoc().isMacroID())
    return std::nullopt;
  llvm::SmallVector<const Stmt *, 4> Branch;
  if (const auto *Block = dyn_cast<CompoundStmt>(Guard->getThen()))
    Branch.append(Block->body_begin(), Block->body_end());
  else
    Branch.push_back(Guard->getThen());
  std::vector<std::string> Lines;
  if (!closesOrJumps(Branch, *Handle, Ctx))
    Lines.push_back((Stdio ? "fclose(" : "close(") + Handle->str() + ");");
  for (const Stmt *S : Branch) {
    std::optional<std::string> Line = lineOf(S, Ctx);
    if (!Line)
      return std::nullopt;
    Lines.push_back(std::move(*Line));
  }
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Indent =
      Lexer::getIndentationForLine(Holder->getBeginLoc(), SM).str();
  std::string H = Handle->str();
  std::string Text =
      Stdio ? "if (fflush(" + H + ") != 0 || fsync(fileno(" + H + ")) != 0) {\n"
            : "if (fsync(" + H + ") != 0) {\n";
  for (const std::string &L : Lines)
    Text += Indent + "  " + L + "\n";
  Text += Indent + "}\n" + Indent;
  return FixItHint::CreateInsertion(Holder->getBeginLoc(), Text);
}

} // namespace durcheck
