//===- ResultCache.h - Unit results reused across runs -----------*- C++
//-*-===//
//
// --cache-dir keeps each analysed unit's result file under a key of what
// decides it, with the hash of every file its analysis read; a later run
// whose unit has the same key and unchanged files reuses the result, and
// the join runs as usual, so the report is the same as an uncached run's.
// Processes may share a directory: entries are replaced whole and durably,
// and one that cannot be read or trusted is a miss.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_RESULTCACHE_H
#define DURCHECK_TOOLS_RESULTCACHE_H

#include "TidyRunner.h"
#include "llvm/ADT/StringMap.h"
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace durcheck {

class ResultCache {
public:
  /// A cache in Dir, which must exist, kept under MaxBytes.
  ResultCache(std::string Dir, uint64_t MaxBytes)
      : Dir(std::move(Dir)), MaxBytes(MaxBytes) {}

  /// Creates Dir and probes that it can be written; returns why not, or "".
  static std::string prepare(llvm::StringRef Dir);

  /// The result stored under Key, when every file it read is as it was.
  std::optional<UnitResult> lookup(llvm::StringRef Key);
  /// Stores R, whose analysis read FilesRead, under Key. A failure to write
  /// only costs a later run the reuse, so it is not an error.
  void store(llvm::StringRef Key, const UnitResult &R,
             llvm::ArrayRef<std::string> FilesRead);
  /// Removes the least recently used entries until the cache fits MaxBytes.
  void evict();

  std::atomic<unsigned> Hits{0};

private:
  /// The hash of a file's contents, read once a run; "" if unreadable.
  std::string fileHash(llvm::StringRef File);
  std::string entryPath(llvm::StringRef Key) const;

  const std::string Dir;
  const uint64_t MaxBytes;
  std::mutex HashLock;
  llvm::StringMap<std::string> Hashes;
};

/// The key of a unit's result: durcheck's version and the hash of its own
/// binary, the unit's command, and the configuration its checks run with.
std::string unitCacheKey(const clang::tooling::CompileCommand &Command,
                         SharedOptions &Options);

/// Parses a size such as 500M, 2G or 1048576 (bytes; K, M and G are
/// powers of 1024); nothing if it is not one.
std::optional<uint64_t> parseSize(llvm::StringRef Text);

} // namespace durcheck

#endif // DURCHECK_TOOLS_RESULTCACHE_H
