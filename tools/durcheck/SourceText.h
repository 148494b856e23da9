//===- SourceText.h - Lines and columns of the files findings name -*- C++
//-*-===//

#ifndef DURCHECK_TOOLS_SOURCETEXT_H
#define DURCHECK_TOOLS_SOURCETEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace durcheck {

/// A position in a file, both 1-based. Column counts bytes, as clang's
/// diagnostics do; CodePointColumn counts Unicode code points, as SARIF's
/// unicodeCodePoints column kind does.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned CodePointColumn = 0;
};

/// Reads each file once and answers where an offset lies in it.
class SourceTexts {
public:
  /// Line 0 when the file cannot be read or the offset is past its end.
  Position position(llvm::StringRef File, unsigned Offset);
  /// The text of a 1-based line without its line break, or "".
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// The whole file, or "" when it cannot be read.
  llvm::StringRef contents(llvm::StringRef File);

private:
  struct Text {
    std::string Contents;
    std::vector<unsigned> LineStarts;
  };
  const Text *load(llvm::StringRef File);
  llvm::StringMap<Text> Cache;
};

} // namespace durcheck

#endif // DURCHECK_TOOLS_SOURCETEXT_H
