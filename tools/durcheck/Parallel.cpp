//===- Parallel.cpp - Work spread over the driver's jobs ------------------===//

#include "Parallel.h"
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace durcheck {

void parallelFor(size_t Count, unsigned JobCount,
                 llvm::function_ref<void(size_t)> Work) {
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Count;)
      Work(I);
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < std::min<size_t>(JobCount, Count); ++T)
    Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads)
    T.join();
}

} // namespace durcheck
