//===- CheckDocs.h - The check pages, built into the binary -----*- C++ -*-===//

#ifndef DURCHECK_TOOLS_CHECKDOCS_H
#define DURCHECK_TOOLS_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace durcheck {

/// What SARIF's rules say about a check, from checks-docs/<check>.rst.
struct CheckDoc {
  /// The page's one-sentence summary.
  std::string Summary;
  /// The summary and the first paragraph of "Why it matters".
  std::string Description;
  /// The whole page.
  std::string Help;
};

CheckDoc checkDoc(llvm::StringRef Check);

} // namespace durcheck

#endif // DURCHECK_TOOLS_CHECKDOCS_H
