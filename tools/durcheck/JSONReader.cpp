//===- JSONReader.cpp - Reads large JSON documents quickly ----------------===//

#include "JSONReader.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include <charconv>
#include <cstdlib>

namespace json = llvm::json;

namespace durcheck {
namespace {

// Deeper nesting than any result file has: a damaged file must not
// exhaust the stack.
constexpr unsigned MaxDepth = 512;

class Reader {
public:
  explicit Reader(llvm::StringRef Text) : Text(Text) {}

  bool document(json::Value &Out) {
    if (!value(Out, 0))
      return false;
    space();
    return Pos == Text.size() || fail("trailing text");
  }

  std::string error() const {
    return Why + " at offset " + std::to_string(Pos);
  }

private:
  bool fail(const char *Reason) {
    if (Why.empty())
      Why = Reason;
    return false;
  }

  void space() {
    while (Pos < Text.size() && (Text[Pos] == ' ' || Text[Pos] == '\t' ||
                                 Text[Pos] == '\n' || Text[Pos] == '\r'))
      ++Pos;
  }

  bool literal(llvm::StringRef Word) {
    if (!Text.substr(Pos).starts_with(Word))
      return fail("invalid value");
    Pos += Word.size();
    return true;
  }

  bool value(json::Value &Out, unsigned Depth) {
    if (Depth > MaxDepth)
      return fail("nesting too deep");
    space();
    if (Pos == Text.size())
      return fail("unexpected end");
    switch (Text[Pos]) {
    case 'n':
      Out = nullptr;
      return literal("null");
    case 't':
      Out = true;
      return literal("true");
    case 'f':
      Out = false;
      return literal("false");
    case '"': {
      std::string S;
      if (!string(S))
        return false;
      Out = std::move(S);
      return true;
    }
    case '[':
      return array(Out, Depth);
    case '{':
      return object(Out, Depth);
    default:
      return number(Out);
    }
  }

  // Elements gather on one shared stack, which SmallVector grows by moving,
  // and then move into an array of their number.
  bool array(json::Value &Out, unsigned Depth) {
    ++Pos;
    size_t First = Pending.size();
    space();
    if (Pos < Text.size() && Text[Pos] == ']') {
      ++Pos;
      Out = json::Array();
      return true;
    }
    for (;;) {
      if (!element(Depth + 1))
        return false;
      space();
      if (Pos < Text.size() && Text[Pos] == ',') {
        ++Pos;
        continue;
      }
      if (Pos < Text.size() && Text[Pos] == ']')
        break;
      return fail("expected ',' or ']'");
    }
    ++Pos;
    json::Array A;
    A.reserve(Pending.size() - First);
    for (size_t I = First; I < Pending.size(); ++I)
      A.push_back(std::move(Pending[I]));
    Pending.truncate(First);
    Out = std::move(A);
    return true;
  }

  // A scalar is read in its place on the stack; a nested array or object,
  // which grows the stack as it is read, beside it.
  bool element(unsigned Depth) {
    space();
    if (Pos < Text.size() && (Text[Pos] == '[' || Text[Pos] == '{')) {
      json::Value Nested(nullptr);
      if (!value(Nested, Depth))
        return false;
      Pending.push_back(std::move(Nested));
      return true;
    }
    Pending.emplace_back(nullptr);
    return value(Pending.back(), Depth);
  }

  bool object(json::Value &Out, unsigned Depth) {
    ++Pos;
    json::Object O;
    space();
    if (Pos < Text.size() && Text[Pos] == '}') {
      ++Pos;
      Out = std::move(O);
      return true;
    }
    for (;;) {
      space();
      std::string Key;
      if (Pos == Text.size() || Text[Pos] != '"')
        return fail("expected a key");
      if (!string(Key))
        return false;
      space();
      if (Pos == Text.size() || Text[Pos] != ':')
        return fail("expected ':'");
      ++Pos;
      json::Value V(nullptr);
      if (!value(V, Depth + 1))
        return false;
      if (!O.try_emplace(std::move(Key), std::move(V)).second)
        return fail("duplicate key");
      space();
      if (Pos < Text.size() && Text[Pos] == ',') {
        ++Pos;
        continue;
      }
      if (Pos < Text.size() && Text[Pos] == '}')
        break;
      return fail("expected ',' or '}'");
    }
    ++Pos;
    Out = std::move(O);
    return true;
  }

  bool number(json::Value &Out) {
    size_t Start = Pos;
    bool Integer = true;
    if (Pos < Text.size() && Text[Pos] == '-')
      ++Pos;
    auto Digits = [&] {
      size_t From = Pos;
      while (Pos < Text.size() && llvm::isDigit(Text[Pos]))
        ++Pos;
      return Pos > From;
    };
    if (Pos < Text.size() && Text[Pos] == '0')
      ++Pos;
    else if (!Digits())
      return fail("invalid value");
    if (Pos < Text.size() && Text[Pos] == '.') {
      ++Pos;
      Integer = false;
      if (!Digits())
        return fail("invalid number");
    }
    if (Pos < Text.size() && (Text[Pos] == 'e' || Text[Pos] == 'E')) {
      ++Pos;
      Integer = false;
      if (Pos < Text.size() && (Text[Pos] == '+' || Text[Pos] == '-'))
        ++Pos;
      if (!Digits())
        return fail("invalid number");
    }
    llvm::StringRef Spelled = Text.slice(Start, Pos);
    if (Integer) {
      int64_t I;
      if (auto [End, Err] = std::from_chars(Spelled.begin(), Spelled.end(), I);
          Err == std::errc()) {
        Out = I;
        return true;
      }
      uint64_t U;
      if (auto [End, Err] = std::from_chars(Spelled.begin(), Spelled.end(), U);
          Err == std::errc()) {
        Out = U;
        return true;
      }
    }
    Out = std::strtod(Spelled.str().c_str(), nullptr);
    return true;
  }

  bool hex4(unsigned &Out) {
    if (Pos + 4 > Text.size())
      return fail("invalid \\u escape");
    Out = 0;
    for (int I = 0; I < 4; ++I) {
      char C = Text[Pos++];
      if (!llvm::isHexDigit(C))
        return fail("invalid \\u escape");
      Out = Out * 16 + llvm::hexDigitValue(C);
    }
    return true;
  }

  // A \u escape, with a surrogate pair joined; a lone surrogate becomes
  // U+FFFD, as llvm::json::parse makes it.
  bool unicode(std::string &Out) {
    unsigned First;
    if (!hex4(First))
      return false;
    unsigned Code = First;
    if (First >= 0xD800 && First < 0xDC00 &&
        Text.substr(Pos).starts_with("\\u")) {
      size_t Back = Pos;
      Pos += 2;
      unsigned Second;
      if (!hex4(Second))
        return false;
      if (Second >= 0xDC00 && Second < 0xE000)
        Code = 0x10000 + ((First - 0xD800) << 10) + (Second - 0xDC00);
      else
        Pos = Back;
    }
    if (Code >= 0xD800 && Code < 0xE000)
      Code = 0xFFFD;
    char Buffer[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
    char *End = Buffer;
    llvm::ConvertCodePointToUTF8(Code, End);
    Out.append(Buffer, End);
    return true;
  }

  bool string(std::string &Out) {
    ++Pos;
    // One pass finds the run's end, refuses control characters and notes
    // whether UTF-8 needs checking: most strings are plain ASCII.
    bool Ascii = true;
    for (;;) {
      size_t Plain = Pos;
      for (; Plain < Text.size(); ++Plain) {
        unsigned char C = Text[Plain];
        if (C == '"' || C == '\\')
          break;
        if (C < 0x20)
          return fail("control character in string");
        Ascii &= C < 0x80;
      }
      if (Plain == Text.size())
        return fail("unterminated string");
      Out.append(Text.begin() + Pos, Text.begin() + Plain);
      Pos = Plain + 1;
      if (Text[Plain] == '"')
        break;
      if (Pos == Text.size())
        return fail("unterminated string");
      char Escape = Text[Pos++];
      switch (Escape) {
      case '"':
      case '\\':
      case '/':
        Out.push_back(Escape);
        break;
      case 'b':
        Out.push_back('\b');
        break;
      case 'f':
        Out.push_back('\f');
        break;
      case 'n':
        Out.push_back('\n');
        break;
      case 'r':
        Out.push_back('\r');
        break;
      case 't':
        Out.push_back('\t');
        break;
      case 'u':
        if (!unicode(Out))
          return false;
        break;
      default:
        return fail("invalid escape");
      }
    }
    return Ascii || json::isUTF8(Out) || fail("invalid UTF-8 in string");
  }

  llvm::StringRef Text;
  size_t Pos = 0;
  std::string Why;
  llvm::SmallVector<json::Value, 0> Pending;
};

} // namespace

std::optional<json::Value> readJSON(llvm::StringRef Text, std::string &Error) {
  Reader R(Text);
  json::Value Out(nullptr);
  if (!R.document(Out)) {
    Error = R.error();
    return std::nullopt;
  }
  return Out;
}

} // namespace durcheck
