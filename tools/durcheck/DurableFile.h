//===- DurableFile.h - Writes that survive a crash whole or not at all -*- C++
//-*-===//
//
// Every file durcheck writes -- fixed sources, SARIF, JSON, YAML, text
// reports -- goes through here: a temporary file in the same directory,
// fsync, rename over the target, fsync of the directory. A crash or a full
// disk leaves the old file or the new one, never a torn one.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_DURABLEFILE_H
#define DURCHECK_TOOLS_DURABLEFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace durcheck {

/// Replaces Path with Contents durably. An existing file keeps its mode; a
/// new one gets 0666 less the umask. Returns an empty string on success,
/// else why it failed; Path is then untouched and no temporary is left.
std::string writeFileDurably(llvm::StringRef Path, llvm::StringRef Contents);

/// Writes each (name, contents) into the directory Dir as writeFileDurably
/// does, with one fsync of Dir after the last: a run's many result files
/// cost one directory sync, not one each. Stops at the first failure.
std::string
writeFilesDurably(llvm::StringRef Dir,
                  llvm::ArrayRef<std::pair<std::string, std::string>> Files);

/// Whether writeFileDurably could write Path, asked before any work is done
/// so that a bad --output fails fast. Returns why not, or an empty string.
std::string checkWritable(llvm::StringRef Path);

} // namespace durcheck

#endif // DURCHECK_TOOLS_DURABLEFILE_H
