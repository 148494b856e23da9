//===- LspProtocol.h - The Language Server Protocol's plumbing --*- C++ -*-===//
//
// What `durcheck --lsp` needs of the protocol below its methods: messages
// framed by a Content-Length header, file URIs, and positions counted in
// UTF-16 code units or in bytes.
//
//===----------------------------------------------------------------------===//

#ifndef DURCHECK_TOOLS_LSPPROTOCOL_H
#define DURCHECK_TOOLS_LSPPROTOCOL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace durcheck::lsp {

enum class ReadResult {
  Message,
  /// A header block without a usable Content-Length: the body cannot be
  /// found, so the block is skipped.
  BadHeader,
  /// The input ended.
  End,
};

/// Reads the next framed message's body from In.
ReadResult readMessage(std::FILE *In, std::string &Body, std::string &Error);

/// A message with its Content-Length header.
std::string frame(const llvm::json::Value &Message);

/// The absolute path a file: URI names, percent-decoded; nullopt for any
/// other URI.
std::optional<std::string> uriToPath(llvm::StringRef Uri);
std::string pathToUri(llvm::StringRef Path);

/// How the client counts columns.
enum class Encoding { UTF16, UTF8 };

/// Lines of a text, for converting byte offsets to LSP positions and back.
class LineTable {
public:
  LineTable(llvm::StringRef Text, Encoding Enc);
  llvm::json::Object position(unsigned Offset) const;
  /// The offset of a position, clamped to its line; nullopt when the
  /// position is malformed.
  std::optional<unsigned> offset(const llvm::json::Value *Position) const;
  /// The end of the identifier, or else the character, at Offset.
  unsigned tokenEnd(unsigned Offset) const;
  /// The range from Offset to tokenEnd(Offset).
  llvm::json::Object tokenRange(unsigned Offset) const;
  llvm::json::Object range(unsigned Offset, unsigned Length) const;

private:
  llvm::StringRef Text;
  Encoding Enc;
  std::vector<unsigned> Starts;
};

} // namespace durcheck::lsp

#endif // DURCHECK_TOOLS_LSPPROTOCOL_H
