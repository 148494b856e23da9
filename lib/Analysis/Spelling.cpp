//===- Spelling.cpp - How messages and fixes name an expression -----------===//

#include "durcheck/Analysis/Spelling.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace durcheck {

std::optional<StringRef> sourceText(SourceRange Range, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts());
  if (R.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text;
}

static const StringLiteral *literalPath(const Expr &E) {
  const auto *Lit = dyn_cast<StringLiteral>(model::stripPathWrappers(&E));
  return Lit && Lit->isOrdinary() ? Lit : nullptr;
}

Spelling spellingOf(const Expr &E, const ASTContext &Ctx) {
  Spelling S;
  const Expr *Stripped = model::stripPathWrappers(&E);
  std::optional<StringRef> Text = sourceText(E.getSourceRange(), Ctx);
  if (Text)
    S.Code = Text->str();
  S.Pure = !Stripped->HasSideEffects(Ctx);
  S.CharPointer = Stripped->getType()->isAnyPointerType() ||
                  Stripped->getType()->isArrayType();
  if (const StringLiteral *Lit = literalPath(E)) {
    S.Literal = Lit->getString().str();
    S.Message = quoteC(Lit->getString());
  } else if (isa<DeclRefExpr, MemberExpr>(Stripped) && Text) {
    S.Message = quoteForMessage(*Text);
  }
  return S;
}

std::string pathSpelling(const Expr &Path, const ASTContext &Ctx) {
  std::string Text;
  if (std::optional<StringRef> Written =
          sourceText(Path.IgnoreImplicit()->getSourceRange(), Ctx)) {
    Text = Written->str();
  } else {
    llvm::raw_string_ostream OS(Text);
    Path.printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  }
  return quotePath(Text);
}

std::string quotePath(StringRef Text) {
  SmallVector<StringRef, 8> Words;
  llvm::SplitString(Text, Words);
  std::string OneLine = llvm::join(Words, " ");
  if (OneLine.empty())
    return "the path";
  constexpr size_t MaxLength = 60;
  if (OneLine.size() > MaxLength)
    OneLine = OneLine.substr(0, MaxLength - 3) + "...";
  return OneLine.front() == '"' ? OneLine : "'" + OneLine + "'";
}

} // namespace durcheck
