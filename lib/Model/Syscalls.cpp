//===- Syscalls.cpp - What the durability-relevant calls mean -------------===//

#include "durcheck/Model/Syscalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <functional>

using namespace clang;

namespace durcheck::model {

static std::string qualifiedName(const NamedDecl *ND) {
  if (!ND->getDeclName().isIdentifier())
    return {};
  std::string Name = ND->getName().str();
  for (const DeclContext *DC = ND->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getName().str() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Name = RD->getName().str() + "::" + Name;
    }
  }
  return Name;
}

std::string calleeName(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD ? qualifiedName(FD) : std::string();
}

namespace {

// Where a call's operands are: argument indexes, -1 where it has none.
struct RenameSignature {
  llvm::StringLiteral Name;
  int Source, Dest, DestDirFd, ErrorCode;
};

constexpr RenameSignature RenameSignatures[] = {
    {"rename", 0, 1, -1, -1},
    {"std::rename", 0, 1, -1, -1},
    {"renameat", 1, 3, 2, -1},
    {"renameat2", 1, 3, 2, -1},
    {"std::filesystem::rename", 0, 1, -1, 2},
};

struct OpenSignature {
  llvm::StringLiteral Name;
  OpenKind Kind;
  int Path, Flags, DirFd;
};

constexpr OpenSignature OpenSignatures[] = {
    {"open", OpenKind::Open, 0, 1, -1},
    {"open64", OpenKind::Open, 0, 1, -1},
    {"openat", OpenKind::OpenAt, 1, 2, 0},
    {"openat64", OpenKind::OpenAt, 1, 2, 0},
    {"creat", OpenKind::Creat, 0, -1, -1},
    {"creat64", OpenKind::Creat, 0, -1, -1},
    {"fopen", OpenKind::FOpen, 0, 1, -1},
    {"fopen64", OpenKind::FOpen, 0, 1, -1},
    {"freopen", OpenKind::FOpen, 0, 1, -1},
    {"freopen64", OpenKind::FOpen, 0, 1, -1},
    {"mkstemp", OpenKind::MkTemp, 0, -1, -1},
    {"mkstemp64", OpenKind::MkTemp, 0, -1, -1},
    {"mkostemp", OpenKind::MkTemp, 0, -1, -1},
    {"mkstemps", OpenKind::MkTemp, 0, -1, -1},
    {"mkostemps", OpenKind::MkTemp, 0, -1, -1},
};

struct FillSignature {
  llvm::StringLiteral Name;
  PathFill::KindType Kind;
  int Dest, Source;
};

constexpr FillSignature FillSignatures[] = {
    {"snprintf", PathFill::Format, 0, 2}, {"sprintf", PathFill::Format, 0, 1},
    {"strcpy", PathFill::Copy, 0, 1},     {"stpcpy", PathFill::Copy, 0, 1},
    {"strncpy", PathFill::Copy, 0, 1},    {"strlcpy", PathFill::Copy, 0, 1},
    {"strcat", PathFill::Append, 0, 1},   {"strncat", PathFill::Append, 0, 1},
    {"strlcat", PathFill::Append, 0, 1},
};

template <typename Signature, size_t N>
const Signature *lookup(const Signature (&Table)[N], StringRef Name) {
  for (const Signature &S : Table)
    if (S.Name == Name)
      return &S;
  return nullptr;
}

} // namespace

static const Expr *arg(const CallExpr *Call, int I) {
  return I >= 0 && static_cast<unsigned>(I) < Call->getNumArgs()
             ? Call->getArg(I)
             : nullptr;
}

std::optional<RenameCall> matchRename(const CallExpr *Call) {
  // A call clang kept only to recover from an error says nothing reliable.
  if (Call->containsErrors())
    return std::nullopt;
  const RenameSignature *S = lookup(RenameSignatures, calleeName(Call));
  if (!S)
    return std::nullopt;
  RenameCall R{Call, arg(Call, S->Source), arg(Call, S->Dest),
               arg(Call, S->DestDirFd), arg(Call, S->ErrorCode)};
  if (!R.Source || !R.Dest)
    return std::nullopt;
  return R;
}

static std::optional<OpenCall> makeOpen(const CallExpr *Call, OpenKind Kind,
                                        int Path, int Flags, int DirFd) {
  if (!arg(Call, Path))
    return std::nullopt;
  OpenCall O;
  O.Call = Call;
  O.Kind = Kind;
  O.Path = arg(Call, Path);
  O.Flags = arg(Call, Flags);
  O.DirFd = arg(Call, DirFd);
  return O;
}

std::optional<OpenCall> matchOpen(const CallExpr *Call) {
  return matchOpen(Call, {});
}

std::optional<OpenCall>
matchOpen(const CallExpr *Call, ArrayRef<OpenLikeFunction> OpenLikeFunctions) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return matchStreamOpen(Member);
  std::string Name = calleeName(Call);
  if (const OpenSignature *S = lookup(OpenSignatures, Name))
    return makeOpen(Call, S->Kind, S->Path, S->Flags, S->DirFd);
  if (Name.empty())
    return std::nullopt;
  StringRef Plain = Call->getDirectCallee()->getName();
  for (const OpenLikeFunction &F : OpenLikeFunctions)
    if (F.Name == Name || F.Name == Plain)
      return makeOpen(Call, OpenKind::Open, F.Path, F.Flags, -1);
  return std::nullopt;
}

std::optional<PathFill> matchPathFill(const CallExpr *Call) {
  if (Call->containsErrors())
    return std::nullopt;
  const FillSignature *S = lookup(FillSignatures, calleeName(Call));
  if (!S || !arg(Call, S->Source))
    return std::nullopt;
  PathFill F;
  F.Kind = S->Kind;
  F.Dest = arg(Call, S->Dest);
  F.Source = arg(Call, S->Source);
  if (F.Kind == PathFill::Format)
    F.Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs())
                 .drop_front(S->Source + 1);
  return F;
}

bool mayWriteThrough(const CallExpr *Call, unsigned Index) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  // A member operator's object is its first argument.
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
      MD && MD->isInstance() && isa<CXXOperatorCallExpr>(Call)) {
    if (Index == 0)
      return !MD->isConst();
    --Index;
  }
  QualType CalleeType =
      Callee ? Callee->getType() : Call->getCallee()->getType();
  if (!CalleeType->getPointeeType().isNull())
    CalleeType = CalleeType->getPointeeType();
  const auto *Proto = CalleeType->getAs<FunctionProtoType>();
  if (!Proto)
    return true;
  if (Index < Proto->getNumParams()) {
    QualType Pointee = Proto->getParamType(Index)->getPointeeType();
    return !Pointee.isNull() && !Pointee.isConstQualified();
  }
  // A variadic argument is read, except by a scanf-like format.
  if (Callee)
    for (const FormatAttr *A : Callee->specific_attrs<FormatAttr>())
      if (A->getType()->getName().contains("scanf"))
        return true;
  return false;
}

// Whether an openmode expression names one of the openmode constants Names.
static bool modeNames(const Expr *Mode, ArrayRef<StringRef> Names) {
  if (!Mode)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Mode->IgnoreParenImpCasts()))
    return llvm::is_contained(Names, Ref->getDecl()->getName());
  for (const Stmt *Child : Mode->children())
    if (const auto *E = dyn_cast_or_null<Expr>(Child); E && modeNames(E, Names))
      return true;
  return false;
}

static bool modeWrites(const Expr *Mode) {
  return modeNames(Mode, {"out", "app", "trunc"});
}
static bool modeReads(const Expr *Mode) { return modeNames(Mode, {"in"}); }

std::optional<OpenCall> matchStreamOpen(const Expr *E) {
  const CXXRecordDecl *Class = nullptr;
  const Expr *Path = nullptr, *Mode = nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return std::nullopt;
    Class = Construct->getConstructor()->getParent();
    Path = Construct->getArg(0);
    if (Construct->getNumArgs() > 1 &&
        !isa<CXXDefaultArgExpr>(Construct->getArg(1)))
      Mode = Construct->getArg(1);
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = Member->getMethodDecl();
    if (!MD || !MD->getDeclName().isIdentifier() || MD->getName() != "open" ||
        Member->getNumArgs() == 0)
      return std::nullopt;
    Class = MD->getParent();
    Path = Member->getArg(0);
    if (Member->getNumArgs() > 1 && !isa<CXXDefaultArgExpr>(Member->getArg(1)))
      Mode = Member->getArg(1);
  }
  if (!Class || !Path)
    return std::nullopt;
  std::string Name = qualifiedName(Class);
  // Each class implies in or out whatever the mode says; fstream defaults
  // to both.
  bool Writes, Reads;
  if (Name == "std::basic_ofstream") {
    Writes = true;
    Reads = modeReads(Mode);
  } else if (Name == "std::basic_ifstream") {
    Writes = modeWrites(Mode);
    Reads = true;
  } else if (Name == "std::basic_fstream") {
    Writes = !Mode || modeWrites(Mode);
    Reads = !Mode || modeReads(Mode);
  } else if (Name == "std::basic_filebuf") {
    Writes = modeWrites(Mode);
    Reads = modeReads(Mode);
  } else {
    return std::nullopt;
  }
  OpenCall O;
  O.Call = E;
  O.Kind = OpenKind::Stream;
  O.Path = Path;
  O.Flags = Mode;
  O.StreamWrites = Writes;
  O.StreamReads = Reads;
  return O;
}

const Expr *setStatusFlagsArg(const CallExpr *Call, uint64_t SetFl,
                              const ASTContext &Ctx) {
  std::string Name = calleeName(Call);
  if ((Name != "fcntl" && Name != "fcntl64") || Call->getNumArgs() < 3)
    return nullptr;
  const Expr *Cmd = Call->getArg(1);
  if (Cmd->isValueDependent())
    return nullptr;
  std::optional<llvm::APSInt> Value = Cmd->getIntegerConstantExpr(Ctx);
  if (!Value || Value->getZExtValue() != SetFl)
    return nullptr;
  return Call->getArg(2);
}

const Expr *syncedFd(const CallExpr *Call) {
  std::string Name = calleeName(Call);
  if (Name == "fsync" || Name == "fdatasync")
    return arg(Call, 0);
  return nullptr;
}

llvm::ArrayRef<llvm::StringLiteral> syncResultCallees() {
  static constexpr llvm::StringLiteral Names[] = {"fsync", "fdatasync",
                                                  "sync_file_range", "msync"};
  return Names;
}

const Expr *syncResultTarget(const CallExpr *Call, const OpenFlags &Flags,
                             const ASTContext &Ctx) {
  if (const Expr *Fd = syncedFd(Call))
    return Fd;
  std::string Name = calleeName(Call);
  // Without MS_SYNC, or SYNC_FILE_RANGE_WAIT_AFTER, the call only starts
  // the writeback, and says nothing of its outcome.
  StringRef Waits = "MS_SYNC";
  unsigned FlagsArg = 2;
  if (Name == "sync_file_range") {
    Waits = "SYNC_FILE_RANGE_WAIT_AFTER";
    FlagsArg = 3;
  } else if (Name != "msync") {
    return nullptr;
  }
  if (Call->getNumArgs() != FlagsArg + 1)
    return nullptr;
  FlagSet Bits =
      Flags.evaluate(Call->getArg(FlagsArg), Ctx,
                     [](const VarDecl *) { return std::optional<FlagSet>(); });
  return (Bits.Must & Flags.value(Waits)) ? Call->getArg(0) : nullptr;
}

const Expr *writtenFd(const CallExpr *Call) {
  std::string Name = calleeName(Call);
  for (StringRef W : {"write", "pwrite", "pwrite64", "writev", "pwritev",
                      "pwritev64", "pwritev2", "pwritev64v2"})
    if (Name == W)
      return arg(Call, 0);
  return nullptr;
}

const Expr *transferCount(const CallExpr *Call) {
  std::string Name = calleeName(Call);
  for (StringRef T : {"read", "write", "pread", "pwrite", "pread64", "pwrite64",
                      "fread", "fwrite"})
    if (Name == T)
      return arg(Call, 2);
  return nullptr;
}

const Expr *closedFd(const CallExpr *Call) {
  return calleeName(Call) == "close" ? arg(Call, 0) : nullptr;
}

bool isFileSystemSync(const CallExpr *Call) {
  std::string Name = calleeName(Call);
  return Name == "sync" || Name == "syncfs";
}

// The path argument of a call named in Table, by the callee's name.
static const Expr *
pathArgument(const CallExpr *Call,
             std::initializer_list<std::pair<StringRef, unsigned>> Table) {
  std::string Name = calleeName(Call);
  for (const auto &[Callee, Index] : Table)
    if (Name == Callee && Index < Call->getNumArgs())
      return Call->getArg(Index);
  return nullptr;
}

const Expr *removedPath(const CallExpr *Call) {
  return pathArgument(Call, {{"unlink", 0},
                             {"remove", 0},
                             {"unlinkat", 1},
                             {"std::filesystem::remove", 0}});
}

const Expr *statedPath(const CallExpr *Call) {
  return pathArgument(Call, {{"stat", 0},
                             {"stat64", 0},
                             {"lstat", 0},
                             {"lstat64", 0},
                             {"access", 0},
                             {"euidaccess", 0},
                             {"fstatat", 1},
                             {"fstatat64", 1},
                             {"faccessat", 1},
                             {"statx", 1},
                             {"std::filesystem::exists", 0}});
}

bool yieldsDirectoryPath(const Expr *E) {
  E = stripPathWrappers(E);
  if (const auto *Lit = dyn_cast<StringLiteral>(E)) {
    if (!Lit->isOrdinary())
      return false;
    StringRef S = Lit->getString();
    return S == "." || S == ".." || S.ends_with("/");
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    std::string Name = calleeName(Call);
    return Name == "dirname" || Name == "std::filesystem::path::parent_path";
  }
  return false;
}

bool isDirfdCall(const CallExpr *Call) { return calleeName(Call) == "dirfd"; }

const Expr *stripPathWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Next)) {
      const CXXMethodDecl *MD = Member->getMethodDecl();
      if (MD && MD->getDeclName().isIdentifier() &&
          llvm::is_contained({"c_str", "data", "string", "native"},
                             MD->getName()))
        Next = Member->getImplicitObjectArgument();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next)) {
      std::string Class =
          qualifiedName(Construct->getConstructor()->getParent());
      if (Construct->getNumArgs() >= 1 &&
          (Class == "std::filesystem::path" || Class == "std::basic_string"))
        Next = Construct->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const DeclRefExpr *pathRootRead(const Expr *E) {
  E = stripPathWrappers(E);
  while (true) {
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase()->IgnoreParenImpCasts();
    else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
      E = Sub->getBase()->IgnoreParenImpCasts();
    else
      return dyn_cast<DeclRefExpr>(E);
  }
}

// Linux's values on x86-64 and the other architectures of the generic ABI,
// for translation units that do not define the macro themselves.
static uint64_t fallbackValue(StringRef Name) {
  return llvm::StringSwitch<uint64_t>(Name)
      .Case("O_WRONLY", 01)
      .Case("O_RDWR", 02)
      .Case("O_CREAT", 0100)
      .Case("O_TRUNC", 01000)
      .Case("O_APPEND", 02000)
      .Case("O_DIRECT", 040000)
      .Case("O_DIRECTORY", 0200000)
      .Case("O_TMPFILE", 020200000)
      .Case("F_SETFL", 4)
      .Case("MS_SYNC", 4)
      .Case("SYNC_FILE_RANGE_WAIT_AFTER", 4)
      .Default(0);
}

std::optional<uint64_t> OpenFlags::macroValue(StringRef Name,
                                              unsigned Depth) const {
  if (!PP || Depth > 4)
    return std::nullopt;
  const MacroInfo *MI = PP->getMacroInfo(PP->getIdentifierInfo(Name));
  if (!MI)
    return std::nullopt;
  ArrayRef<Token> Toks = MI->tokens();
  while (Toks.size() >= 2 && Toks.front().is(tok::l_paren) &&
         Toks.back().is(tok::r_paren))
    Toks = Toks.drop_front().drop_back();
  if (Toks.size() != 1)
    return std::nullopt;
  const Token &Tok = Toks.front();
  if (Tok.is(tok::identifier))
    return macroValue(Tok.getIdentifierInfo()->getName(), Depth + 1);
  if (!Tok.is(tok::numeric_constant) || !Tok.getLiteralData())
    return std::nullopt;
  StringRef Spelling(Tok.getLiteralData(), Tok.getLength());
  uint64_t Value;
  if (Spelling.rtrim("uUlL").getAsInteger(0, Value))
    return std::nullopt;
  return Value;
}

uint64_t OpenFlags::value(StringRef Name) const {
  if (std::optional<uint64_t> V = macroValue(Name, 0))
    return *V;
  return fallbackValue(Name);
}

FlagSet OpenFlags::evaluate(const Expr *Flags, const ASTContext &Ctx,
                            VarFlags Locals) const {
  if (!Flags || Flags->isValueDependent() || Flags->containsErrors())
    return FlagSet::unknown();
  Flags = Flags->IgnoreParenImpCasts();
  Expr::EvalResult Result;
  if (Flags->EvaluateAsInt(Result, Ctx))
    return FlagSet::constant(Result.Val.getInt().getZExtValue());
  if (const auto *BO = dyn_cast<BinaryOperator>(Flags)) {
    if (BO->getOpcode() == BO_Or)
      return evaluate(BO->getLHS(), Ctx, Locals) |
             evaluate(BO->getRHS(), Ctx, Locals);
    if (BO->getOpcode() == BO_And)
      return evaluate(BO->getLHS(), Ctx, Locals) &
             evaluate(BO->getRHS(), Ctx, Locals);
    if (BO->getOpcode() == BO_Comma)
      return evaluate(BO->getRHS(), Ctx, Locals);
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(Flags))
    return evaluate(CO->getTrueExpr(), Ctx, Locals)
        .join(evaluate(CO->getFalseExpr(), Ctx, Locals));
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Flags))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (std::optional<FlagSet> Value = Locals(VD))
        return *Value;
  return FlagSet::unknown();
}

std::optional<uint64_t> OpenFlags::mayBits(const Expr *Flags,
                                           const ASTContext &Ctx) const {
  if (!Flags)
    return std::nullopt;
  // Without a dataflow, a local's initialiser stands for its value; Seen
  // stops an initialiser that reads its own variable.
  llvm::SmallPtrSet<const VarDecl *, 4> Seen;
  std::function<std::optional<FlagSet>(const VarDecl *)> Initialiser =
      [&](const VarDecl *VD) -> std::optional<FlagSet> {
    if (!VD->isLocalVarDecl() || !VD->getInit() || !Seen.insert(VD).second)
      return std::nullopt;
    return evaluate(VD->getInit(), Ctx, Initialiser);
  };
  FlagSet Bits = evaluate(Flags, Ctx, Initialiser);
  if (!Bits.known())
    return std::nullopt;
  return Bits.May;
}

bool OpenFlags::writes(const OpenCall &Open, const ASTContext &Ctx) const {
  switch (Open.Kind) {
  case OpenKind::Creat:
  case OpenKind::MkTemp:
    return true;
  case OpenKind::Stream:
    return Open.StreamWrites;
  case OpenKind::FOpen:
    if (const auto *Mode =
            dyn_cast_or_null<StringLiteral>(Open.Flags->IgnoreParenImpCasts()))
      return Mode->isOrdinary() &&
             Mode->getString().find_first_of("wa+") != StringRef::npos;
    return false;
  case OpenKind::Open:
  case OpenKind::OpenAt: {
    std::optional<uint64_t> Bits = mayBits(Open.Flags, Ctx);
    uint64_t Writing = value("O_WRONLY") | value("O_RDWR") | value("O_CREAT") |
                       value("O_TRUNC") | value("O_APPEND");
    return Bits && (*Bits & Writing);
  }
  }
  return false;
}

bool OpenFlags::reads(const OpenCall &Open, const FlagSet &Bits) const {
  switch (Open.Kind) {
  case OpenKind::Creat:
    return false;
  case OpenKind::MkTemp:
    return true;
  case OpenKind::Stream:
    return Open.StreamReads;
  case OpenKind::FOpen:
    if (const auto *Mode = dyn_cast_or_null<StringLiteral>(
            Open.Flags ? Open.Flags->IgnoreParenImpCasts() : nullptr))
      return !Mode->isOrdinary() ||
             Mode->getString().find_first_of("r+") != StringRef::npos;
    return true;
  case OpenKind::Open:
  case OpenKind::OpenAt:
    return !(Bits.Must & value("O_WRONLY"));
  }
  return true;
}

} // namespace durcheck::model
