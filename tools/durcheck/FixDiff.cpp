//===- FixDiff.cpp - What fixes do to the lines of a file -----------------===//

#include "FixDiff.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <optional>

using clang::tooling::Replacement;
using clang::tooling::Replacements;
using llvm::StringRef;

namespace durcheck {
namespace {

// The lines of Text, each with its line break.
std::vector<StringRef> splitLines(StringRef Text) {
  std::vector<StringRef> Lines;
  while (!Text.empty()) {
    size_t Break = Text.find('\n');
    size_t End = Break == StringRef::npos ? Text.size() : Break + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

// Where the 0-based lines of a text begin and end.
class LineIndex {
public:
  explicit LineIndex(StringRef Text) : Size(Text.size()) {
    Starts.push_back(0);
    for (size_t I = 0; I + 1 < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  unsigned lineOf(unsigned Offset) const {
    return std::upper_bound(Starts.begin(), Starts.end(), Offset) -
           Starts.begin() - 1;
  }
  unsigned begin(unsigned Line) const { return Starts[Line]; }
  unsigned end(unsigned Line) const {
    return Line + 1 < Starts.size() ? Starts[Line + 1] : Size;
  }

private:
  std::vector<unsigned> Starts;
  unsigned Size;
};

// The change from the lines Old, the first of them 0-based line First, to
// New, without the lines at either end that stay the same.
LineChange trimmed(unsigned First, std::vector<StringRef> Old,
                   const std::vector<StringRef> &New) {
  size_t Head = 0;
  while (Head < Old.size() && Head < New.size() && Old[Head] == New[Head])
    ++Head;
  size_t Tail = 0;
  while (Tail < Old.size() - Head && Tail < New.size() - Head &&
         Old[Old.size() - 1 - Tail] == New[New.size() - 1 - Tail])
    ++Tail;
  LineChange C;
  C.OldStart = First + 1 + Head;
  C.Old.assign(Old.begin() + Head, Old.end() - Tail);
  for (size_t I = Head; I < New.size() - Tail; ++I)
    C.New.push_back(New[I].str());
  return C;
}

// The old lines, 1-based, that a run of changes with Context lines around
// them shows, and the changes.
struct Hunk {
  unsigned First = 0, Last = 0;
  std::vector<const LineChange *> Changes;
};

unsigned lastOldLine(const LineChange &C) {
  return C.OldStart + C.Old.size() - 1;
}

std::vector<Hunk> hunks(const std::vector<LineChange> &Changes,
                        unsigned LineCount, unsigned Context) {
  std::vector<Hunk> Result;
  for (const LineChange &C : Changes) {
    unsigned First = C.OldStart > Context ? C.OldStart - Context : 1;
    unsigned Last = std::min(lastOldLine(C) + Context, LineCount);
    if (Result.empty() || First > Result.back().Last + 1)
      Result.push_back({First, Last, {}});
    Result.back().Last = std::max(Result.back().Last, Last);
    Result.back().Changes.push_back(&C);
  }
  return Result;
}

// Calls Kept, Taken and Put for the lines of H in order: kept lines by
// their old number, lines taken out by theirs, lines put in.
template <typename KeptFn, typename TakenFn, typename PutFn>
void walk(const Hunk &H, const std::vector<StringRef> &Lines, KeptFn Kept,
          TakenFn Taken, PutFn Put) {
  unsigned Line = H.First;
  for (const LineChange *C : H.Changes) {
    for (; Line < C->OldStart; ++Line)
      Kept(Line, Lines[Line - 1]);
    for (StringRef Old : C->Old)
      Taken(Line++, Old);
    for (const std::string &New : C->New)
      Put(StringRef(New));
  }
  for (; Line <= H.Last; ++Line)
    Kept(Line, Lines[Line - 1]);
}

void diffLine(std::string &Out, char Marker, StringRef Line) {
  Out += Marker;
  Out += Line;
  if (!Line.ends_with("\n"))
    Out += "\n\\ No newline at end of file\n";
}

// A hunk's start and length, as unified diffs count them: an empty range
// starts at the line before it.
std::string range(unsigned Start, unsigned Length) {
  return llvm::formatv("{0},{1}", Length ? Start : Start - 1, Length);
}

// The line as a terminal shows it: tabs to the next multiple of eight, as
// clang's snippets do, and no line break.
std::string displayed(StringRef Line) {
  std::string Out;
  for (char C : Line.rtrim("\r\n")) {
    if (C != '\t') {
      Out += C;
      continue;
    }
    do
      Out += ' ';
    while (Out.size() % 8);
  }
  return Out;
}

} // namespace

std::vector<LineChange> lineChanges(StringRef Text, const Replacements &Reps) {
  LineIndex Index(Text);
  std::vector<LineChange> Changes;
  for (auto It = Reps.begin(); It != Reps.end();) {
    // The replacements that touch the lines First to Last, which grow to
    // take in every line a replacement reaches.
    unsigned First = Index.lineOf(It->getOffset());
    unsigned Last = First;
    unsigned Copied = Index.begin(First);
    std::string New;
    for (; It != Reps.end() && Index.lineOf(It->getOffset()) <= Last; ++It) {
      unsigned End = It->getOffset() + It->getLength();
      New += Text.slice(Copied, It->getOffset());
      New += It->getReplacementText();
      Copied = End;
      Last = std::max(Last, Index.lineOf(It->getLength() ? End - 1 : End));
    }
    New += Text.slice(Copied, Index.end(Last));
    LineChange C = trimmed(
        First, splitLines(Text.slice(Index.begin(First), Index.end(Last))),
        splitLines(New));
    if (!C.Old.empty() || !C.New.empty())
      Changes.push_back(std::move(C));
  }
  return Changes;
}

std::string unifiedDiff(StringRef OldName, StringRef NewName, StringRef Text,
                        const Replacements &Reps) {
  std::vector<StringRef> Lines = splitLines(Text);
  std::vector<LineChange> Changes = lineChanges(Text, Reps);
  if (Changes.empty())
    return "";
  std::string Out = ("--- " + OldName + "\n+++ " + NewName + "\n").str();
  int Shift = 0;
  for (const Hunk &H : hunks(Changes, Lines.size(), 3)) {
    std::string Body;
    unsigned OldLength = 0, NewLength = 0;
    walk(
        H, Lines,
        [&](unsigned, StringRef L) {
          diffLine(Body, ' ', L);
          ++OldLength, ++NewLength;
        },
        [&](unsigned, StringRef L) {
          diffLine(Body, '-', L);
          ++OldLength;
        },
        [&](StringRef L) {
          diffLine(Body, '+', L);
          ++NewLength;
        });
    Out += "@@ -" + range(H.First, OldLength) + " +" +
           range(H.First + Shift, NewLength) + " @@\n" + Body;
    Shift += int(NewLength) - int(OldLength);
  }
  return Out;
}

void printLineChanges(llvm::raw_ostream &OS, StringRef Text,
                      const Replacements &Reps, bool Color) {
  std::vector<StringRef> Lines = splitLines(Text);
  std::vector<LineChange> Changes = lineChanges(Text, Reps);
  std::vector<Hunk> Hunks = hunks(Changes, Lines.size(), 1);
  if (Hunks.empty())
    return;
  // The gutter of clang's snippets: at least four digits' width.
  unsigned Width =
      std::max<size_t>(4, std::to_string(Hunks.back().Last).size());
  // A line of the gutter view, in colour for lines taken out or put in.
  auto Print = [&](std::optional<unsigned> Line, char Marker, StringRef L) {
    if (Color && Marker != '|')
      OS.changeColor(Marker == '+' ? llvm::raw_ostream::GREEN
                                   : llvm::raw_ostream::RED);
    if (Line)
      OS << llvm::format_decimal(*Line, Width + 1);
    else
      OS.indent(Width + 1);
    OS << ' ' << Marker << ' ' << displayed(L);
    if (Color && Marker != '|')
      OS.resetColor();
    OS << "\n";
  };
  for (const Hunk &H : Hunks) {
    if (&H != &Hunks.front())
      OS.indent(Width + 1) << " ...\n";
    walk(
        H, Lines, [&](unsigned Line, StringRef L) { Print(Line, '|', L); },
        [&](unsigned Line, StringRef L) { Print(Line, '-', L); },
        [&](StringRef L) { Print(std::nullopt, '+', L); });
  }
}

} // namespace durcheck
