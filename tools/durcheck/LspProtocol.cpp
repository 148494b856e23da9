//===- LspProtocol.cpp - The Language Server Protocol's plumbing ----------===//

#include "LspProtocol.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>

using namespace llvm;

namespace durcheck::lsp {

namespace {

// One header line without its line break; false at the end of the input.
bool readLine(std::FILE *In, std::string &Line) {
  Line.clear();
  for (int C; (C = std::getc(In)) != EOF;) {
    if (C == '\n') {
      if (!Line.empty() && Line.back() == '\r')
        Line.pop_back();
      return true;
    }
    Line.push_back(char(C));
  }
  return !Line.empty();
}

// Bytes that a URI's path holds as they are.
bool unreserved(char C) { return isAlnum(C) || StringRef("-._~/").contains(C); }

// The length in UTF-16 code units of UTF-8 bytes: a four-byte sequence is a
// surrogate pair, any other sequence one unit.
unsigned utf16Length(StringRef Bytes) {
  unsigned Units = 0;
  for (unsigned char C : Bytes) {
    if ((C & 0xC0) == 0x80)
      continue; // A continuation byte.
    Units += C >= 0xF0 ? 2 : 1;
  }
  return Units;
}

} // namespace

ReadResult readMessage(std::FILE *In, std::string &Body, std::string &Error) {
  std::string Line;
  std::optional<size_t> Length;
  bool Any = false;
  while (true) {
    if (!readLine(In, Line))
      return ReadResult::End;
    if (Line.empty()) {
      if (!Any)
        continue; // Blank lines between messages.
      break;
    }
    Any = true;
    auto [Name, Value] = StringRef(Line).split(':');
    size_t N;
    if (Name.trim().equals_insensitive("content-length")) {
      if (Value.trim().getAsInteger(10, N)) {
        Error = "bad Content-Length '" + Value.trim().str() + "'";
        Length.reset();
        continue;
      }
      Length = N;
    }
  }
  if (!Length) {
    if (Error.empty())
      Error = "a header without Content-Length";
    return ReadResult::BadHeader;
  }
  Body.resize(*Length);
  if (std::fread(Body.data(), 1, *Length, In) != *Length)
    return ReadResult::End;
  return ReadResult::Message;
}

std::string frame(const json::Value &Message) {
  std::string Body = formatv("{0}", Message).str();
  return "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
}

std::optional<std::string> uriToPath(StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return std::nullopt;
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path.push_back(char(Byte));
      I += 2;
    } else {
      Path.push_back(Uri[I]);
    }
  }
  if (Path.empty() || Path[0] != '/')
    return std::nullopt;
  return Path;
}

std::string pathToUri(StringRef Path) {
  std::string Uri = "file://";
  for (char C : Path)
    if (unreserved(C))
      Uri.push_back(C);
    else
      Uri += formatv("%{0:X-2}", unsigned((unsigned char)C)).str();
  return Uri;
}

LineTable::LineTable(StringRef Text, Encoding Enc) : Text(Text), Enc(Enc) {
  Starts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      Starts.push_back(I + 1);
}

json::Object LineTable::position(unsigned Offset) const {
  Offset = std::min<size_t>(Offset, Text.size());
  size_t Line = std::upper_bound(Starts.begin(), Starts.end(), Offset) -
                Starts.begin() - 1;
  StringRef Before = Text.slice(Starts[Line], Offset);
  unsigned Column =
      Enc == Encoding::UTF16 ? utf16Length(Before) : unsigned(Before.size());
  return json::Object{{"line", int64_t(Line)}, {"character", Column}};
}

std::optional<unsigned> LineTable::offset(const json::Value *Position) const {
  const json::Object *P = Position ? Position->getAsObject() : nullptr;
  std::optional<int64_t> Line = P ? P->getInteger("line") : std::nullopt;
  std::optional<int64_t> Column = P ? P->getInteger("character") : std::nullopt;
  if (!Line || !Column || *Line < 0 || *Column < 0)
    return std::nullopt;
  if (size_t(*Line) >= Starts.size())
    return unsigned(Text.size());
  size_t Start = Starts[*Line];
  size_t End = Text.find('\n', Start);
  StringRef Rest = Text.slice(Start, End);
  size_t I = 0;
  for (int64_t Units = 0; I < Rest.size() && Units < *Column;) {
    size_t Next = I + 1;
    while (Next < Rest.size() && (Rest[Next] & 0xC0) == 0x80)
      ++Next;
    Units +=
        Enc == Encoding::UTF16 ? utf16Length(Rest.slice(I, Next)) : Next - I;
    I = Next;
  }
  return unsigned(Start + I);
}

unsigned LineTable::tokenEnd(unsigned Offset) const {
  size_t End = Offset;
  while (End < Text.size() && (isAlnum(Text[End]) || Text[End] == '_'))
    ++End;
  if (End == Offset && End < Text.size() && Text[End] != '\n')
    ++End;
  return unsigned(End);
}

json::Object LineTable::tokenRange(unsigned Offset) const {
  return range(Offset, tokenEnd(Offset) - Offset);
}

json::Object LineTable::range(unsigned Offset, unsigned Length) const {
  return json::Object{{"start", position(Offset)},
                      {"end", position(Offset + Length)}};
}

} // namespace durcheck::lsp
