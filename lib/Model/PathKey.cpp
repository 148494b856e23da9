//===- PathKey.cpp - Which path an expression names -----------------------===//

#include "durcheck/Model/PathKey.h"
#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace durcheck::model {

// The name of the macro when the whole expression is one expansion of it.
static std::optional<std::string> wholeMacroName(const Expr *E,
                                                 const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Begin = E->getBeginLoc(), End = E->getEndLoc();
  if (!Begin.isMacroID() || SM.isMacroArgExpansion(Begin))
    return std::nullopt;
  SourceLocation MacroBegin, MacroEnd;
  if (!Lexer::isAtStartOfMacroExpansion(Begin, SM, LO, &MacroBegin) ||
      !Lexer::isAtEndOfMacroExpansion(End, SM, LO, &MacroEnd))
    return std::nullopt;
  return Lexer::getImmediateMacroName(Begin, SM, LO).str();
}

static std::optional<PathKey> keyOfDecl(const ValueDecl *D,
                                        const ASTContext &Ctx) {
  const auto *VD = dyn_cast<VarDecl>(D);
  if (!VD)
    return std::nullopt;
  // A constant initialised with a literal names that literal's file.
  if (VD->getType().isConstQualified() || VD->isConstexpr())
    if (const Expr *Init = VD->getAnyInitializer())
      if (const auto *Lit = dyn_cast<StringLiteral>(stripPathWrappers(Init)))
        return PathKey{PathKey::Literal, Lit->getBytes().str()};
  if (VD->hasGlobalStorage() && !VD->isStaticLocal()) {
    if (VD->isExternallyVisible())
      return PathKey{PathKey::Global, VD->getQualifiedNameAsString()};
    // Internal linkage: the same name in another file is another variable.
    const SourceManager &SM = Ctx.getSourceManager();
    return PathKey{PathKey::Global,
                   SM.getFilename(SM.getSpellingLoc(VD->getLocation())).str() +
                       ":" + VD->getQualifiedNameAsString()};
  }
  // A local: unique within its function; the address tells two locals of
  // the same name apart.
  return PathKey{PathKey::Local,
                 VD->getName().str() + "@" +
                     std::to_string(VD->getLocation().getRawEncoding())};
}

// names[i]: the array's key and the index's. A constant index keeps the
// array's reach; a variable one is only meaningful within the function.
static std::optional<PathKey> keyOfElement(const ArraySubscriptExpr *Sub,
                                           const ASTContext &Ctx,
                                           const ReadKeys *Reads) {
  std::optional<PathKey> Base = pathKeyOf(Sub->getBase(), Ctx, Reads);
  if (!Base)
    return std::nullopt;
  const Expr *Index = Sub->getIdx()->IgnoreParenImpCasts();
  if (std::optional<llvm::APSInt> Value = Index->getIntegerConstantExpr(Ctx))
    return PathKey{Base->Kind, Base->Text + "[" +
                                   std::to_string(Value->getExtValue()) + "]"};
  std::optional<PathKey> IndexKey = pathKeyOf(Index, Ctx, Reads);
  if (!IndexKey)
    return std::nullopt;
  return PathKey{PathKey::Local, Base->Text + "[" + IndexKey->Text + "]"};
}

std::optional<PathKey> pathKeyOf(const Expr *E, const ASTContext &Ctx,
                                 const ReadKeys *Reads) {
  if (!E)
    return std::nullopt;
  E = stripPathWrappers(E);
  if (const auto *Lit = dyn_cast<StringLiteral>(E))
    return PathKey{PathKey::Literal, Lit->getBytes().str()};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (Reads)
      if (auto It = Reads->find(Ref); It != Reads->end())
        return It->second;
    return keyOfDecl(Ref->getDecl(), Ctx);
  }
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
    return keyOfElement(Sub, Ctx, Reads);
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return keyOfDecl(Member->getMemberDecl(), Ctx);
    return PathKey{PathKey::Field,
                   Field->getParent()->getQualifiedNameAsString() +
                       "::" + Field->getName().str()};
  }
  // A macro whose expansion has no identity of its own, such as a call:
  // every use of the macro still names the same thing.
  if (std::optional<std::string> Macro = wholeMacroName(E, Ctx))
    return PathKey{PathKey::Macro, *Macro};
  return std::nullopt;
}

static bool isAtFdCwd(const Expr *DirFd, const ASTContext &Ctx) {
  if (DirFd->isValueDependent())
    return false;
  std::optional<llvm::APSInt> Value = DirFd->getIntegerConstantExpr(Ctx);
  return Value && Value->getExtValue() == AtFdCwd;
}

std::optional<PathKey> openedPathKey(const OpenCall &Open,
                                     const ASTContext &Ctx,
                                     const ReadKeys *Reads) {
  std::optional<PathKey> Path = pathKeyOf(Open.Path, Ctx, Reads);
  if (!Path || !Open.DirFd || isAtFdCwd(Open.DirFd, Ctx) ||
      (Path->Kind == PathKey::Literal &&
       StringRef(Path->Text).starts_with("/")))
    return Path;
  std::optional<PathKey> Dir = pathKeyOf(Open.DirFd, Ctx, Reads);
  if (!Dir)
    return std::nullopt;
  PathKey::KindType Kind =
      Dir->Kind == PathKey::Local ? PathKey::Local : Path->Kind;
  return PathKey{Kind, "at(" + Dir->Text + ")/" + Path->Text};
}

// The text of a format whose every conversion is a %s of a literal.
static std::optional<std::string> foldLiterals(StringRef Format,
                                               ArrayRef<PathKey> Args) {
  std::string Out;
  size_t Next = 0;
  for (size_t I = 0; I < Format.size(); ++I) {
    if (Format[I] != '%') {
      Out += Format[I];
      continue;
    }
    char Conversion = I + 1 < Format.size() ? Format[++I] : '\0';
    if (Conversion == '%') {
      Out += '%';
      continue;
    }
    if (Conversion != 's' || Next == Args.size() ||
        Args[Next].Kind != PathKey::Literal)
      return std::nullopt;
    Out += Args[Next++].Text;
  }
  if (Next != Args.size())
    return std::nullopt;
  return Out;
}

PathKey formattedKey(StringRef Format, ArrayRef<PathKey> Args) {
  if (Format == "%s" && Args.size() == 1)
    return Args.front();
  if (std::optional<std::string> Folded = foldLiterals(Format, Args))
    return {PathKey::Literal, std::move(*Folded)};
  // Each part with its kind and length, so that no two lists of parts
  // read the same.
  constexpr char KindCodes[] = "lmgfob";
  PathKey Out{PathKey::Built,
              "fmt(" + std::to_string(Format.size()) + ":" + Format.str()};
  for (const PathKey &Arg : Args) {
    Out.Text += "," + std::string(1, KindCodes[Arg.Kind]) +
                std::to_string(Arg.Text.size()) + ":" + Arg.Text;
    if (Arg.Kind == PathKey::Local)
      Out.Kind = PathKey::Local;
  }
  Out.Text += ")";
  return Out;
}

std::optional<std::string> literalDirectory(StringRef Path, bool Parent) {
  if (Path.empty())
    return std::nullopt;
  llvm::SmallVector<StringRef, 8> Parts;
  for (StringRef Part : llvm::split(Path, '/')) {
    if (Part == "..")
      return std::nullopt;
    if (!Part.empty() && Part != ".")
      Parts.push_back(Part);
  }
  if (Parent) {
    if (Parts.empty())
      return std::nullopt;
    Parts.pop_back();
  }
  bool Absolute = Path.starts_with("/");
  if (Parts.empty())
    return std::string(Absolute ? "/" : ".");
  return (Absolute ? "/" : "") + llvm::join(Parts, "/");
}

bool maySameDirectory(StringRef A, StringRef B) {
  return A == B || A.starts_with("/") != B.starts_with("/");
}

} // namespace durcheck::model
