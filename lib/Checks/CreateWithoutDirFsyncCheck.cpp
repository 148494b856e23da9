//===- CreateWithoutDirFsyncCheck.cpp - a new file's directory unsynced ---===//
//
// A creation is one more event that leaves a directory obligation in the
// rename check's graphs: the check is that check, run over creations, with
// its options, its directory syncs, its notes down the chain and its fixes.
// When both run with the same options, the rename check's object builds
// one set of graphs for both and reports both; this one is then idle.
//
//===----------------------------------------------------------------------===//

#include "Checks/CreateWithoutDirFsyncCheck.h"

namespace durcheck {

std::unique_ptr<crosstu::Joiner> CreateWithoutDirFsyncCheck::makeJoiner() {
  return makeCreationJoiner();
}

} // namespace durcheck
