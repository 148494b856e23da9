//===- RenameFixIt.cpp - The directory sync a rename fix inserts ----------===//

#include "Checks/RenameFixIt.h"
#include "durcheck/Analysis/ErrorBranches.h"
#include "durcheck/Analysis/Spelling.h"
#include "durcheck/Model/PathKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <cstring>

using namespace clang;

namespace durcheck::rename {

bool leavesScope(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    S = Block->body_empty() ? nullptr : Block->body_back();
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    S = E->IgnoreImplicit();
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt, CXXThrowExpr>(S))
    return true;
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->isNoReturn();
}

namespace {

//===-- Where a fix goes --------------------------------------------------===//

// A statement that is the call alone, possibly cast to void or stored.
bool isPlainCall(const Stmt *S, const CallExpr *Call) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    const auto *VD =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    return VD && VD->getInit() && VD->getInit()->IgnoreParenImpCasts() == Call;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
    E = EWC->getSubExpr()->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    E = BO->getRHS()->IgnoreParenImpCasts();
  return E == Call;
}

// A comment that ends the statement's line stays on it: a NOLINT there
// must keep naming the statement it silences.
SourceLocation pastTrailingComment(SourceLocation Loc,
                                   const SourceManager &SM) {
  bool Invalid = false;
  const char *Begin = SM.getCharacterData(Loc, &Invalid);
  if (Invalid)
    return Loc;
  StringRef Rest(Begin, std::strcspn(Begin, "\n"));
  StringRef Code = Rest.ltrim(" \t");
  if (Code.starts_with("/*")) {
    size_t Close = Code.find("*/");
    if (Close == StringRef::npos)
      return Loc;
    Code = Code.drop_front(Close + 2).ltrim(" \t");
  }
  if (!Code.empty() && !Code.starts_with("//"))
    return Loc;
  return Loc.getLocWithOffset(Rest.rtrim("\r").size());
}

// The location just after a statement: after its closing brace, or after
// the semicolon that ends it. Invalid inside a macro's body.
SourceLocation afterStatement(const Stmt *S, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(S->getSourceRange()), SM, LO);
  if (R.isInvalid())
    return {};
  SourceLocation LastToken = SM.getExpansionRange(S->getEndLoc()).getEnd();
  const Stmt *Last = S;
  if (const auto *If = dyn_cast<IfStmt>(S))
    Last = If->getElse() ? If->getElse() : If->getThen();
  // A declaration's range ends with its semicolon, a block's with its brace.
  SourceLocation After =
      isa<CompoundStmt, DeclStmt>(Last)
          ? Lexer::getLocForEndOfToken(LastToken, 0, SM, LO)
          : Lexer::findLocationAfterToken(LastToken, tok::semi, SM, LO,
                                          /*SkipTrailingWhitespaceAndNewLine=*/
                                          false);
  return After.isValid() ? pastTrailingComment(After, SM) : After;
}

// `if (rename(...) != 0) return -1;`: the sync goes after the if.
bool isFailureGuard(const CallContext &C, const ASTContext &Ctx,
                    const FunctionFacts &Facts) {
  const auto *If = dyn_cast<IfStmt>(C.Parent);
  return If && C.Statement == If->getCond() && !If->getElse() &&
         !If->getInit() && !If->getConditionVariable() &&
         leavesScope(If->getThen()) &&
         isa_and_nonnull<CompoundStmt>(C.GrandParent) &&
         classifyFailureTest(If->getCond(), Ctx, Facts) == FailureEdge::True;
}

//===-- The code a fix inserts --------------------------------------------===//

/// The directory sync a fix-it inserts, and the headers it needs.
struct SyncSnippet {
  std::vector<std::string> Lines;
  std::vector<std::string> Headers;
};

// The directory a literal path is in, as dirname(3) computes it.
std::string parentOf(StringRef Path) {
  while (Path.size() > 1 && Path.ends_with("/"))
    Path = Path.drop_back();
  size_t Slash = Path.rfind('/');
  if (Slash == StringRef::npos)
    return ".";
  Path = Path.take_front(Slash);
  while (Path.size() > 1 && Path.ends_with("/"))
    Path = Path.drop_back();
  return Path.empty() ? "/" : Path.str();
}

// A block that opens OpenArg as a directory, fsyncs and closes it. Before
// and After wrap the open, which is nested Nesting deeper inside them.
SyncSnippet openAndSync(std::string OpenArg, std::vector<std::string> Before,
                        std::vector<std::string> After,
                        std::vector<std::string> Headers, StringRef Nesting) {
  std::string I = Nesting.str();
  SyncSnippet S;
  S.Lines.push_back("{");
  for (std::string &L : Before)
    S.Lines.push_back("  " + L);
  S.Lines.push_back("  " + I + "int durcheck_dfd = open(" + OpenArg +
                    ", O_RDONLY | O_DIRECTORY);");
  S.Lines.push_back("  " + I + "if (durcheck_dfd >= 0) {");
  S.Lines.push_back("  " + I + "  fsync(durcheck_dfd);");
  S.Lines.push_back("  " + I + "  close(durcheck_dfd);");
  S.Lines.push_back("  " + I + "}");
  for (std::string &L : After)
    S.Lines.push_back("  " + L);
  S.Lines.push_back("}");
  S.Headers = std::move(Headers);
  return S;
}

// The directory sync to insert after the rename, or nullopt where the
// destination cannot be spelled at the insertion point.
std::optional<SyncSnippet> buildSnippet(const FixTarget &T, StringRef Helper,
                                        bool CPlusPlus17) {
  const Spelling &Dest = T.Destination.Spelled;
  // The fix evaluates the destination again.
  if (!Helper.empty()) {
    if (Dest.Code.empty() || !Dest.Pure)
      return std::nullopt;
    return SyncSnippet{{Helper.str() + "(" + Dest.Code + ");"}, {}};
  }
  if (T.DirFd && T.DirFdConstant != std::optional<int64_t>(model::AtFdCwd)) {
    const Spelling &Fd = T.DirFd->Spelled;
    if (Fd.Code.empty() || !Fd.Pure)
      return std::nullopt;
    return SyncSnippet{{"fsync(" + Fd.Code + ");"}, {"<unistd.h>"}};
  }
  if (Dest.Literal)
    return openAndSync(quoteC(parentOf(*Dest.Literal)), {}, {},
                       {"<fcntl.h>", "<unistd.h>"}, "");
  if (Dest.Code.empty() || !Dest.Pure)
    return std::nullopt;
  if (CPlusPlus17)
    return openAndSync(
        "durcheck_dir.empty() ? \".\" : durcheck_dir.c_str()",
        {"std::filesystem::path durcheck_dir = std::filesystem::path(" +
         Dest.Code + ").parent_path();"},
        {}, {"<fcntl.h>", "<filesystem>", "<unistd.h>"}, "");
  if (!Dest.CharPointer)
    return std::nullopt;
  // dirname() may write into its argument, so it gets a copy.
  return openAndSync(
      "dirname(durcheck_copy)",
      {"char *durcheck_copy = strdup(" + Dest.Code + ");",
       "if (durcheck_copy) {"},
      {"  free(durcheck_copy);", "}"},
      {"<fcntl.h>", "<libgen.h>", "<stdlib.h>", "<string.h>", "<unistd.h>"},
      "  ");
}

std::string render(const std::vector<std::string> &Lines, StringRef Indent) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += "\n" + Indent.str() + L;
  return Out;
}

// The returned expression with the call spelled `(durcheck_rc = call)`, and
// the type of its value: false where either cannot be spelled.
bool spellResult(const Expr &Value, StringRef CallText, const ASTContext &Ctx,
                 Anchor &A) {
  QualType Type = Value.IgnoreImpCasts()->getType().getUnqualifiedType();
  std::optional<StringRef> Text = sourceText(Value.getSourceRange(), Ctx);
  if (!Type->isBuiltinType() || !Type->isIntegerType() || !Text ||
      CallText.begin() < Text->begin() || CallText.end() > Text->end())
    return false;
  A.ResultType = Type.getAsString(PrintingPolicy(Ctx.getLangOpts()));
  A.ResultCode = (Text->take_front(CallText.begin() - Text->begin()) +
                  "(durcheck_rc = " + CallText + ")" +
                  Text->take_back(Text->end() - CallText.end()))
                     .str();
  return true;
}

// `return rename(a, b);` and `return rename(a, b) == 0;` are rewritten
// around the call.
Anchor rewriteReturn(Anchor A, const ReturnStmt &Ret, const CallContext &C,
                     const CallExpr &Call, const ASTContext &Ctx,
                     crosstu::Locations &Locs) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<StringRef> CallText = sourceText(Call.getSourceRange(), Ctx);
  SourceLocation End = afterStatement(&Ret, Ctx);
  SourceLocation Begin = SM.getExpansionLoc(Ret.getBeginLoc());
  if (!CallText || End.isInvalid() || !Ret.getRetValue())
    return A;
  crosstu::Loc From = Locs.locate(Begin), To = Locs.locate(End);
  if (From.File != A.At.File || To.File != A.At.File)
    return A;
  if (!isPlainCall(C.Statement, &Call) &&
      !spellResult(*Ret.getRetValue(), *CallText, Ctx, A))
    return A;
  A.Fix = Anchor::RewriteReturn;
  A.Offset = From.Offset;
  A.End = To.Offset;
  A.Indent = Lexer::getIndentationForLine(Begin, SM).str();
  A.CallCode = CallText->str();
  return A;
}

} // namespace

SourceLocation anchorLocation(const CallExpr &Call) {
  // Through Stmt, so that an operator() call begins at its object: Clang
  // 22's CallExpr::getBeginLoc gives the location of the '(' instead.
  return static_cast<const Stmt &>(Call).getBeginLoc();
}

Anchor planAnchor(const CallExpr &Call, const FunctionFacts &Facts,
                  ASTContext &Ctx, crosstu::Locations &Locs) {
  const SourceManager &SM = Ctx.getSourceManager();
  Anchor A;
  SourceLocation Begin = anchorLocation(Call);
  A.At = Locs.locate(Begin);
  auto It = Facts.Contexts.find(&Call);
  if (It == Facts.Contexts.end() || !It->second.Statement)
    return A;
  const CallContext &C = It->second;
  const Stmt *Holder = C.Statement;
  SourceLocation InsertAt;
  bool OnWarning = false;
  if (isa<CompoundStmt>(C.Parent)) {
    // The call alone is safe to fix; inside a larger expression the user
    // judges whether the sync belongs right after the statement.
    InsertAt = afterStatement(C.Statement, Ctx);
    OnWarning = isPlainCall(C.Statement, &Call);
  } else if (isFailureGuard(C, Ctx, Facts)) {
    Holder = C.Parent;
    InsertAt = afterStatement(Holder, Ctx);
    OnWarning = true;
  } else if (const auto *Ret = dyn_cast<ReturnStmt>(C.Parent);
             Ret && Call.getType()->isIntegerType()) {
    return rewriteReturn(std::move(A), *Ret, C, Call, Ctx, Locs);
  }
  if (InsertAt.isInvalid())
    return A;
  crosstu::Loc At = Locs.locate(InsertAt);
  if (At.File != A.At.File)
    return A;
  A.Fix = Anchor::InsertAfter;
  A.FixOnWarning = OnWarning;
  A.Offset = At.Offset;
  A.Indent = Lexer::getIndentationForLine(
                 SM.getExpansionLoc(Holder->getBeginLoc()), SM)
                 .str();
  return A;
}

std::optional<ComposedFix> composeFix(const Anchor &At, const FixTarget &Target,
                                      StringRef Helper, bool CPlusPlus17) {
  if (At.Fix == Anchor::NoFix)
    return std::nullopt;
  std::optional<SyncSnippet> Snippet =
      buildSnippet(Target, Helper, CPlusPlus17);
  if (!Snippet)
    return std::nullopt;
  ComposedFix Fix;
  Fix.Headers = Snippet->Headers;
  if (At.Fix == Anchor::InsertAfter) {
    Fix.OnWarning = At.FixOnWarning;
    Fix.Edits.push_back(
        {At.At.File, At.Offset, 0, render(Snippet->Lines, At.Indent)});
    return Fix;
  }
  // The block keeps the result, syncs when the rename ran and succeeded,
  // and returns what the statement returned.
  bool Plain = At.ResultCode.empty();
  std::vector<std::string> Lines = {"{"};
  if (Plain) {
    Lines.push_back("  int durcheck_rc = " + At.CallCode + ";");
  } else {
    // A short-circuit that skips the rename leaves the -1.
    Lines.push_back("  int durcheck_rc = -1;");
    Lines.push_back("  " + At.ResultType +
                    " durcheck_result = " + At.ResultCode + ";");
  }
  Lines.push_back("  if (durcheck_rc == 0) " + Snippet->Lines.front());
  for (size_t I = 1; I < Snippet->Lines.size(); ++I)
    Lines.push_back("  " + Snippet->Lines[I]);
  Lines.push_back(Plain ? "  return durcheck_rc;"
                        : "  return durcheck_result;");
  Lines.push_back("}");
  // render() starts each line on a new line; the first replaces `return`.
  std::string Text = render(Lines, At.Indent).substr(1 + At.Indent.size());
  Fix.Edits.push_back({At.At.File, At.Offset, At.End - At.Offset, Text});
  return Fix;
}

llvm::ArrayRef<llvm::StringRef> fixHeaders() {
  static constexpr llvm::StringRef Headers[] = {"<fcntl.h>",  "<filesystem>",
                                                "<libgen.h>", "<stdlib.h>",
                                                "<string.h>", "<unistd.h>"};
  return Headers;
}

} // namespace durcheck::rename
