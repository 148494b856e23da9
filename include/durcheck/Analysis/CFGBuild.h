//===- CFGBuild.h - The CFG every analysis builds ---------------*- C++ -*-===//

#ifndef DURCHECK_ANALYSIS_CFGBUILD_H
#define DURCHECK_ANALYSIS_CFGBUILD_H

#include "clang/Analysis/CFG.h"
#include <memory>

namespace durcheck {

/// The CFG of a definition, built the same way for every analysis: every
/// expression an element of its own, and the edges that a constant
/// condition never takes left out. Null when clang cannot build one.
std::unique_ptr<clang::CFG> buildFunctionCFG(const clang::FunctionDecl &FD,
                                             clang::ASTContext &Ctx);

} // namespace durcheck

#endif // DURCHECK_ANALYSIS_CFGBUILD_H
