// A module built for one LLVM major version refuses to load into the
// clang-tidy of another, naming both, instead of silently finding nothing.
// REQUIRES: other-clang-tidy
// RUN: not %other_clang_tidy --load=%plugin --checks='-*,durability-*' %s -- 2>&1 | FileCheck -DBUILT=%llvm_major -DHOST=%other_major %s
// CHECK: error: durcheck's clang-tidy module was built for LLVM [[BUILT]] but was loaded into clang-tidy [[HOST]]; rebuild it with -DLLVM_DIR=/usr/lib/llvm-[[HOST]]/lib/cmake/llvm or run clang-tidy-[[BUILT]]

int main(void) { return 0; }
