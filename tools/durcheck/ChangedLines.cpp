//===- ChangedLines.cpp - The lines a change adds, for diff mode ----------===//

#include "ChangedLines.h"
#include "CompileDatabase.h"
#include "SourceText.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

using clang::tidy::ClangTidyError;
using clang::tooling::DiagnosticMessage;

namespace durcheck {
namespace {

// "@@ -a[,b] +c[,d] @@": the old and new line counts, and the first new
// line.
bool parseHunkHeader(llvm::StringRef Line, unsigned &OldCount,
                     unsigned &NewStart, unsigned &NewCount) {
  auto Range = [&](char Sign, unsigned &Start, unsigned &Count) {
    Line = Line.ltrim(' ');
    if (!Line.consume_front(llvm::StringRef(&Sign, 1)) ||
        Line.consumeInteger(10, Start))
      return false;
    Count = 1;
    return !Line.consume_front(",") || !Line.consumeInteger(10, Count);
  };
  unsigned OldStart;
  return Line.consume_front("@@") && Range('-', OldStart, OldCount) &&
         Range('+', NewStart, NewCount) && Line.ltrim(' ').starts_with("@@");
}

// The file a "---" or "+++" line names: up to a tab (diff -u puts the time
// after one), unquoted when git quoted it.
std::optional<std::string> headerName(llvm::StringRef Field) {
  if (!Field.consume_front("\""))
    return Field.split('\t').first.rtrim("\r").str();
  std::string Name;
  while (!Field.empty()) {
    char C = Field.front();
    Field = Field.drop_front();
    if (C == '"')
      return Name;
    if (C != '\\' || Field.empty()) {
      Name += C;
      continue;
    }
    char E = Field.front();
    Field = Field.drop_front();
    if (E >= '0' && E <= '7') {
      // git writes each byte outside ASCII as three octal digits.
      unsigned Byte = E - '0';
      for (int I = 0; I < 2 && !Field.empty() && Field.front() >= '0' &&
                      Field.front() <= '7';
           ++I, Field = Field.drop_front())
        Byte = Byte * 8 + (Field.front() - '0');
      Name += char(Byte);
      continue;
    }
    static const llvm::StringRef From = "abfnrtv\"\\",
                                 To = "\a\b\f\n\r\t\v\"\\";
    size_t At = From.find(E);
    if (At == llvm::StringRef::npos)
      return std::nullopt;
    Name += To[At];
  }
  return std::nullopt;
}

// Runs git with Args; its stdout in Out, the first line of its stderr in
// Why when it fails.
bool runGit(llvm::ArrayRef<llvm::StringRef> Args, std::string &Out,
            std::string &Why) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Why = "git is not on PATH";
    return false;
  }
  llvm::SmallString<128> OutFile, ErrFile;
  if (llvm::sys::fs::createTemporaryFile("durcheck-git", "out", OutFile) ||
      llvm::sys::fs::createTemporaryFile("durcheck-git", "err", ErrFile)) {
    Why = "cannot create a temporary file for git's output";
    return false;
  }
  llvm::FileRemover RemoveOut(OutFile), RemoveErr(ErrFile);
  std::vector<llvm::StringRef> Argv{"git"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                OutFile.str(), ErrFile.str()};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0,
                                         0, &ExecError);
  auto Read = [](llvm::StringRef File) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  if (Status != 0) {
    Why = ExecError.empty()
              ? llvm::StringRef(Read(ErrFile)).trim().split('\n').first.str()
              : ExecError;
    return false;
  }
  Out = Read(OutFile);
  return true;
}

} // namespace

std::optional<ChangedLines> ChangedLines::parse(llvm::StringRef Diff,
                                                llvm::StringRef Root,
                                                llvm::StringRef Source,
                                                std::string &Error) {
  ChangedLines Result;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty())
    Lines.pop_back();
  auto Malformed = [&](size_t I, const llvm::Twine &Why) {
    Error = ("malformed diff " + Source + ": line " + llvm::Twine(I + 1) +
             ": " + Why)
                .str();
    return std::nullopt;
  };
  std::optional<std::string> Old;  // The "---" name just read.
  std::optional<std::string> File; // The file the hunks are of; "" if gone.
  unsigned OldLeft = 0, NewLeft = 0, NewLine = 0;
  bool SawDiff = false, AfterHunk = false;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    // An added line past a hunk's count would otherwise pass unmarked.
    if (AfterHunk && Line.starts_with("+") && !Line.starts_with("+++ "))
      return Malformed(I, "the hunk has more new lines than its header "
                          "says");
    AfterHunk &= Line.starts_with("\\"); // "\ No newline at end of file"
    if (OldLeft || NewLeft) {
      // Some tools strip the blank of an empty context line.
      char Kind = Line.empty() ? ' ' : Line.front();
      if (Kind == '\\')
        continue;
      if ((Kind == ' ' || Kind == '-') && OldLeft == 0)
        return Malformed(I, "the hunk has more old lines than its header "
                            "says");
      if ((Kind == ' ' || Kind == '+') && NewLeft == 0)
        return Malformed(I, "the hunk has more new lines than its header "
                            "says");
      if (Kind != ' ' && Kind != '-' && Kind != '+')
        return Malformed(I, "the hunk ends before the lines its header "
                            "counts");
      if (Kind == '+' && !File->empty()) {
        auto &Of = Result.Ranges[*File];
        if (!Of.empty() && Of.back().second == NewLine)
          ++Of.back().second;
        else
          Of.push_back({NewLine, NewLine + 1});
      }
      OldLeft -= Kind != '+';
      NewLeft -= Kind != '-';
      NewLine += Kind != '-';
      AfterHunk = !OldLeft && !NewLeft;
      continue;
    }
    if (Line.starts_with("--- ")) {
      Old = headerName(Line.drop_front(4));
      if (!Old)
        return Malformed(I, "bad quoted file name");
      continue;
    }
    if (Line.starts_with("+++ ")) {
      std::optional<std::string> New = headerName(Line.drop_front(4));
      if (!Old)
        return Malformed(I, "'+++' without the '---' line before it");
      if (!New)
        return Malformed(I, "bad quoted file name");
      llvm::StringRef Name = *New;
      if ((llvm::StringRef(*Old).starts_with("a/") || *Old == "/dev/null") &&
          Name.starts_with("b/"))
        Name = Name.drop_front(2);
      File = Name == "/dev/null" ? "" : Result.key(absolutePath(Name, Root));
      Old.reset();
      SawDiff = true;
      continue;
    }
    if (Line.starts_with("@@")) {
      unsigned OldCount, NewCount;
      if (!File)
        return Malformed(I, "a hunk before any '---' and '+++' lines");
      if (!parseHunkHeader(Line, OldCount, NewLine, NewCount))
        return Malformed(I, "expected '@@ -<line>[,<count>] "
                            "+<line>[,<count>] @@'");
      OldLeft = OldCount;
      NewLeft = NewCount;
      AfterHunk = !OldLeft && !NewLeft;
      continue;
    }
    // git's "diff --git", "index", "Binary files ... differ" and mode
    // lines, or the text around a patch: nothing for a hunk.
    SawDiff |= Line.starts_with("diff ") || Line.starts_with("Binary files ");
    Old.reset();
  }
  if (OldLeft || NewLeft)
    return Malformed(Lines.size() - 1, "the diff ends inside a hunk");
  if (!Lines.empty() && !SawDiff)
    return Malformed(0, "no '---' and '+++' file lines: not a unified diff");
  return Result;
}

const std::string &ChangedLines::key(llvm::StringRef File) {
  auto [It, New] = Keys.try_emplace(File);
  if (New) {
    llvm::SmallString<256> Real;
    It->second = llvm::sys::fs::real_path(File, Real) ? absolutePath(File)
                                                      : std::string(Real);
  }
  return It->second;
}

bool ChangedLines::changes(llvm::StringRef File) {
  return Ranges.count(key(File));
}

bool ChangedLines::changes(llvm::StringRef File, unsigned Line) {
  auto It = Ranges.find(key(File));
  return It != Ranges.end() &&
         llvm::any_of(It->second, [&](const std::pair<unsigned, unsigned> &R) {
           return R.first <= Line && Line < R.second;
         });
}

std::optional<std::string> gitDiff(llvm::StringRef Rev, llvm::StringRef Dir,
                                   std::string &Root, std::string &Error) {
  std::string Out, Why;
  if (!runGit({"-C", Dir, "rev-parse", "--show-toplevel"}, Out, Why)) {
    Error = "--diff-from needs a git repository: '" + Dir.str() + "': " + Why;
    return std::nullopt;
  }
  Root = llvm::StringRef(Out).trim().str();
  std::string Commit;
  // Resolved first, so that a revision that looks like an option is never
  // read as one by git diff.
  if (!runGit({"-C", Root, "rev-parse", "--verify", "--quiet",
               "--end-of-options", (Rev + "^{commit}").str()},
              Commit, Why)) {
    Error = "--diff-from: '" + Rev.str() + "' is not a commit of " + Root;
    return std::nullopt;
  }
  // Names as parse() expects them: a/ and b/ prefixes whatever the user's
  // configuration, no quoting of bytes outside ASCII, no external diff.
  if (!runGit({"-c", "core.quotePath=false", "-C", Root, "diff", "-U0",
               "--no-color", "--no-ext-diff", "--no-textconv",
               "--src-prefix=a/", "--dst-prefix=b/",
               llvm::StringRef(Commit).trim(), "--"},
              Out, Why)) {
    Error = "git diff failed in " + Root + ": " + Why;
    return std::nullopt;
  }
  return Out;
}

unsigned keepChanged(std::vector<ClangTidyError> &Findings,
                     ChangedLines &Changes) {
  SourceTexts Texts;
  auto OnChangedLine = [&](const DiagnosticMessage &M) {
    return !M.FilePath.empty() &&
           Changes.changes(M.FilePath,
                           Texts.position(M.FilePath, M.FileOffset).Line);
  };
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const ClangTidyError &E) {
    return !OnChangedLine(E.Message) && llvm::none_of(E.Notes, OnChangedLine);
  });
  return Before - Findings.size();
}

} // namespace durcheck
