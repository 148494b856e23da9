//===- Compat.h - Differences between the supported LLVM versions ---------===//
//
// Every difference between the LLVM versions durcheck builds against lives
// here, each shim marked with the version at which it can go.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_COMPAT_H
#define DURCHECK_COMPAT_H

#include "llvm/Config/llvm-config.h"

// Remove when LLVM 21 is the oldest supported version: LLVM 22 moved the
// registry into ClangTidyModule.h and deprecated ClangTidyModuleRegistry.h
// (removed in LLVM 24).
#if LLVM_VERSION_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#endif // DURCHECK_COMPAT_H
