//===- VersionGuard.cpp - Refuse to load into another clang-tidy ----------===//
//
// A module built against LLVM N and loaded into clang-tidy M != N registers
// its checks, matches nothing and exits 0: a silent no-op that a user would
// never notice. The guard asks the host for its version before any check is
// registered and stops the run with both versions named.
//
//===----------------------------------------------------------------------===//

#include "clang/Basic/Version.h"
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// The major version in "Debian clang version 19.1.7 (...)".
int hostMajor() {
  std::string Full = clang::getClangFullVersion();
  size_t At = Full.find("version ");
  if (At == std::string::npos)
    return -1;
  return std::atoi(Full.c_str() + At + 8);
}

// Priority 101 runs this before the registry's static constructors.
__attribute__((constructor(101))) void checkHostVersion() {
  int Host = hostMajor();
  if (Host == DURCHECK_LLVM_MAJOR || Host < 0)
    return;
  std::fprintf(stderr,
               "error: durcheck's clang-tidy module was built for LLVM %d "
               "but was loaded into clang-tidy %d; rebuild it with "
               "-DLLVM_DIR=/usr/lib/llvm-%d/lib/cmake/llvm or run "
               "clang-tidy-%d\n",
               DURCHECK_LLVM_MAJOR, Host, Host, DURCHECK_LLVM_MAJOR);
  std::_Exit(2);
}

} // namespace
