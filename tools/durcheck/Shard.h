//===- Shard.h - Which units of a work list one shard analyses --*- C++ -*-===//
//
// `durcheck --shard K/N` analyses one Nth of a work list, so that N CI jobs
// share a project and `--join` merges what they wrote. Every job computes
// the same partition from the same sources, with no coordination.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_SHARD_H
#define DURCHECK_TOOLS_SHARD_H

#include "CompileDatabase.h"
#include <optional>
#include <string>
#include <vector>

namespace durcheck {

/// Shard K of N, 1-based.
struct ShardSpec {
  unsigned K = 1;
  unsigned N = 1;
};

/// Parses "K/N" with 1 <= K <= N; nullopt, with why in Error, otherwise.
std::optional<ShardSpec> parseShard(llvm::StringRef Text, std::string &Error);

/// The positions, ascending, of the units of Work that shard Spec analyses.
/// The units go largest source file first, ties in work-list order, each to
/// the shard with the fewest bytes so far (then the fewest units), ties to
/// the lowest-numbered one.
/// The work list is in a canonical order (see selectWork), so the partition
/// depends on the units and the sizes of their files, never on the order of
/// the database.
std::vector<unsigned> shardUnits(const WorkList &Work, ShardSpec Spec);

} // namespace durcheck

#endif // DURCHECK_TOOLS_SHARD_H
