//===- Parallel.h - Work spread over the driver's jobs ----------*- C++ -*-===//

#ifndef DURCHECK_TOOLS_PARALLEL_H
#define DURCHECK_TOOLS_PARALLEL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstddef>

namespace durcheck {

/// Calls Work(I) for each I below Count, on JobCount threads, each taking
/// the next I as it finishes one.
void parallelFor(size_t Count, unsigned JobCount,
                 llvm::function_ref<void(size_t)> Work);

} // namespace durcheck

#endif // DURCHECK_TOOLS_PARALLEL_H
