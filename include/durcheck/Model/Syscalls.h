//===- Syscalls.h - What the durability-relevant calls mean -----*- C++ -*-===//
//
// The model of the C library and the C++ standard library calls that the
// checks reason about: which callee renames, opens, syncs, and how the flags
// of an open are decoded.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_MODEL_SYSCALLS_H
#define DURCHECK_MODEL_SYSCALLS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
} // namespace clang

namespace durcheck::model {

/// The callee's name with inline namespaces dropped, such as
/// "std::filesystem::rename" or "rename". Empty for an indirect call.
std::string calleeName(const clang::CallExpr *Call);

/// A call that renames a file, with its operands.
struct RenameCall {
  const clang::CallExpr *Call = nullptr;
  const clang::Expr *Source = nullptr;
  const clang::Expr *Dest = nullptr;
  /// The new-directory fd of renameat and renameat2.
  const clang::Expr *DestDirFd = nullptr;
  /// The std::error_code of std::filesystem::rename's non-throwing overload.
  const clang::Expr *ErrorCode = nullptr;
};

std::optional<RenameCall> matchRename(const clang::CallExpr *Call);

enum class OpenKind { Open, OpenAt, Creat, FOpen, MkTemp, Stream };

/// A call that opens or creates a file by path.
struct OpenCall {
  const clang::Expr *Call = nullptr;
  OpenKind Kind = OpenKind::Open;
  const clang::Expr *Path = nullptr;
  /// The O_* flags of open and openat; the mode string of fopen; the
  /// openmode of a stream, when given.
  const clang::Expr *Flags = nullptr;
  const clang::Expr *DirFd = nullptr;
  /// A stream constructor or open() of an output stream class.
  bool StreamWrites = false;
  /// A stream constructor or open() of an input stream class.
  bool StreamReads = false;
};

/// A project function that opens a path with O_* flags, such as
/// os_file_create(path, flags): its name and the positions of both.
struct OpenLikeFunction {
  std::string Name;
  unsigned Path = 0;
  unsigned Flags = 1;
};

std::optional<OpenCall> matchOpen(const clang::CallExpr *Call);
/// matchOpen, also trying the project's own open-like functions, matched by
/// plain or qualified name.
std::optional<OpenCall>
matchOpen(const clang::CallExpr *Call,
          llvm::ArrayRef<OpenLikeFunction> OpenLikeFunctions);
std::optional<OpenCall> matchStreamOpen(const clang::Expr *E);

/// A call that writes a path into a buffer, with its operands.
struct PathFill {
  enum KindType {
    /// snprintf and sprintf: Source is the format, Args what it formats.
    Format,
    /// strcpy and the like: the buffer holds Source.
    Copy,
    /// strcat and the like: the buffer holds what it held, then Source.
    Append,
  };
  KindType Kind = Copy;
  const clang::Expr *Dest = nullptr;
  const clang::Expr *Source = nullptr;
  llvm::ArrayRef<const clang::Expr *> Args;
};

std::optional<PathFill> matchPathFill(const clang::CallExpr *Call);

/// Whether a call may write through its argument Index: a pointer to
/// non-const, an argument a scanf-like function reads into, or one whose
/// parameter the call does not declare.
bool mayWriteThrough(const clang::CallExpr *Call, unsigned Index);

class OpenFlags;

/// fcntl(fd, F_SETFL, flags): the flags argument, or null for any other call.
/// SetFl is the TU's value of F_SETFL.
const clang::Expr *setStatusFlagsArg(const clang::CallExpr *Call,
                                     uint64_t SetFl,
                                     const clang::ASTContext &Ctx);

/// fsync and fdatasync: the fd they flush, or null for any other call.
const clang::Expr *syncedFd(const clang::CallExpr *Call);

/// The calls whose result says whether data reached the disk: fsync,
/// fdatasync and sync_file_range give the fd they flush, msync with
/// MS_SYNC the mapping. Null for any other call, and for an msync whose
/// flags may lack MS_SYNC.
const clang::Expr *syncResultTarget(const clang::CallExpr *Call,
                                    const OpenFlags &Flags,
                                    const clang::ASTContext &Ctx);
/// The names of the callees syncResultTarget can answer for.
llvm::ArrayRef<llvm::StringLiteral> syncResultCallees();

/// write, pwrite, writev, pwritev and their 64-bit and v2 forms: the fd
/// they write to, or null for any other call.
const clang::Expr *writtenFd(const clang::CallExpr *Call);

/// read, write, pread, pwrite, fread and fwrite: the count they return
/// when the whole transfer succeeds, or null for any other call.
const clang::Expr *transferCount(const clang::CallExpr *Call);

/// close: the fd it closes, or null for any other call.
const clang::Expr *closedFd(const clang::CallExpr *Call);

/// sync and syncfs flush every dirty directory of a file system.
bool isFileSystemSync(const clang::CallExpr *Call);

/// unlink, unlinkat, remove and std::filesystem::remove: the path they
/// remove, or null for any other call.
const clang::Expr *removedPath(const clang::CallExpr *Call);

/// stat, lstat, access and the like, fstatat, faccessat and
/// std::filesystem::exists: the path they look at, or null for any other
/// call.
const clang::Expr *statedPath(const clang::CallExpr *Call);

/// Calls that yield a path naming a directory: dirname, parent_path.
bool yieldsDirectoryPath(const clang::Expr *E);

/// Calls that yield an fd of a directory stream: dirfd.
bool isDirfdCall(const clang::CallExpr *Call);

/// What a flags expression may and must set. Bits the analysis cannot see,
/// such as those of fcntl(F_GETFL), make it Opaque. The bits of an integer
/// parameter are known only at a call: Param says they are or'ed in.
struct FlagSet {
  uint64_t Must = 0;
  /// The known bits that may be set; a superset of Must.
  uint64_t May = 0;
  bool Opaque = false;
  std::optional<unsigned> Param;

  static FlagSet constant(uint64_t V) { return {V, V, false, std::nullopt}; }
  static FlagSet unknown() { return {0, 0, true, std::nullopt}; }
  /// The flags a caller passes as parameter Index.
  static FlagSet param(unsigned Index) { return {0, 0, false, Index}; }
  /// Either of two values, as after a branch or a conditional operator.
  FlagSet join(const FlagSet &O) const {
    bool SameParam = Param == O.Param;
    return {Must & O.Must, May | O.May, Opaque || O.Opaque || !SameParam,
            SameParam ? Param : std::nullopt};
  }
  FlagSet operator|(const FlagSet &O) const {
    bool TwoParams = Param && O.Param && *Param != *O.Param;
    return {Must | O.Must, May | O.May, Opaque || O.Opaque || TwoParams,
            Param ? Param : O.Param};
  }
  /// a & b: only the bits both may set; a side the analysis cannot see may
  /// set any bit.
  FlagSet operator&(const FlagSet &O) const {
    bool Unseen = !known(), OtherUnseen = !O.known();
    if (Unseen && OtherUnseen)
      return unknown();
    uint64_t MayA = Unseen ? ~uint64_t(0) : May;
    uint64_t MayB = OtherUnseen ? ~uint64_t(0) : O.May;
    return {Must & O.Must, MayA & MayB, false, std::nullopt};
  }
  /// Neither opaque nor dependent on a parameter.
  bool known() const { return !Opaque && !Param; }
  /// Known not to set any of Bits.
  bool lacks(uint64_t Bits) const { return known() && !(May & Bits); }
  /// The flags at a call whose argument for Param has the flags Arg.
  FlagSet atCall(const FlagSet &Arg) const {
    if (!Param)
      return *this;
    FlagSet Own = *this;
    Own.Param.reset();
    return Own | Arg;
  }
  bool operator==(const FlagSet &O) const {
    return Must == O.Must && May == O.May && Opaque == O.Opaque &&
           Param == O.Param;
  }
};

/// The value a local variable holds where a flags expression is evaluated,
/// or nullopt when it is not known there.
using VarFlags =
    llvm::function_ref<std::optional<FlagSet>(const clang::VarDecl *)>;

/// Decodes O_* flags with the values the translation unit defines, falling
/// back to Linux's generic values where a macro is not defined.
class OpenFlags {
public:
  explicit OpenFlags(const clang::Preprocessor *PP) : PP(PP) {}

  /// The value of the flag macro Name, such as "O_DIRECTORY".
  uint64_t value(llvm::StringRef Name) const;

  /// The bits the flags expression may set, or nullopt when they cannot be
  /// known. Conditional flags contribute both arms.
  std::optional<uint64_t> mayBits(const clang::Expr *Flags,
                                  const clang::ASTContext &Ctx) const;

  /// What Flags may and must set, reading local variables through Locals.
  FlagSet evaluate(const clang::Expr *Flags, const clang::ASTContext &Ctx,
                   VarFlags Locals) const;

  /// Whether the open creates or writes the file it names.
  bool writes(const OpenCall &Open, const clang::ASTContext &Ctx) const;

  /// Whether the open may read the file it names. Bits are the evaluated
  /// flags of an open or openat; an unknown fopen mode reads.
  bool reads(const OpenCall &Open, const FlagSet &Bits) const;

private:
  std::optional<uint64_t> macroValue(llvm::StringRef Name,
                                     unsigned Depth) const;
  const clang::Preprocessor *PP;
};

/// Strips the wrappers that do not change which path an expression names:
/// parentheses, casts, temporaries, c_str(), and conversions to
/// std::filesystem::path or std::string.
const clang::Expr *stripPathWrappers(const clang::Expr *E);

/// The variable read a path expression starts from: buf, p, f->name and
/// names[i] start from a read of buf, p, f and names. Null for the others.
const clang::DeclRefExpr *pathRootRead(const clang::Expr *E);

} // namespace durcheck::model

#endif // DURCHECK_MODEL_SYSCALLS_H
