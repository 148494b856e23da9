//===- Process.h - What the process-creation calls mean ---------*- C++ -*-===//
//
// The model of the C library calls that create and replace processes: which
// callee is vfork, which execs or ends the process, and which calls a vfork
// child may make because they touch no memory it shares with its parent.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_MODEL_PROCESS_H
#define DURCHECK_MODEL_PROCESS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace durcheck::model {

/// The plain names of vfork: vfork, and glibc's __vfork.
llvm::ArrayRef<llvm::StringRef> vforkNames();

/// A call of vfork, directly or as ::vfork.
bool isVforkCall(const clang::CallExpr &Call);

/// A call whose result tells the parent from the child: fork, vfork and
/// clone return 0 in the child and its pid in the parent.
bool returnsChildPid(const clang::CallExpr &Call);

/// The exec family: execl, execle, execlp, execv, execve, execvp, execvpe,
/// fexecve and execveat. Each returns only when it fails.
llvm::ArrayRef<llvm::StringRef> execNames();
bool isExecCall(const clang::CallExpr &Call);

/// _exit and _Exit: they end the process without running any of its code.
bool isImmediateExitCall(const clang::CallExpr &Call);

/// exit and std::exit, which run atexit handlers and flush stdio first.
bool isExitCall(const clang::CallExpr &Call);

/// Calls that read no shared memory and write none: the accessors behind the
/// errno macro, which return the address of the thread's errno, and the
/// compiler builtins that only compute a value, such as __builtin_expect.
bool isInertCall(const clang::CallExpr &Call, const clang::ASTContext &Ctx);

} // namespace durcheck::model

#endif // DURCHECK_MODEL_PROCESS_H
