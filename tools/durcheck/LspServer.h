//===- LspServer.h - durcheck --lsp, a language server ----------*- C++ -*-===//
//
// The durability checks in any editor with a Language Server Protocol
// client: the driver's configuration, compile database, unit analysis and
// cross-TU join, run as the client opens, edits and saves files, with
// quick fixes for the fix-its.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_LSPSERVER_H
#define DURCHECK_TOOLS_LSPSERVER_H

#include "TidyRunner.h"
#include <string>

namespace durcheck {

/// Serves the protocol on stdin and stdout until the client's exit
/// notification: returns 0 after a shutdown request, 1 without one.
/// BuildPath is -p's value, the database when the client names none.
int runLspServer(const TidyConfig &Config, const std::string &BuildPath);

} // namespace durcheck

#endif // DURCHECK_TOOLS_LSPSERVER_H
