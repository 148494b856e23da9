//===- CompileDatabase.cpp - Which translation units a run analyses -------===//

#include "CompileDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <numeric>
#include <sys/stat.h>
#include <unistd.h>

using namespace clang::tooling;

namespace durcheck {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Abs(Path);
  if (!llvm::sys::path::is_absolute(Abs)) {
    if (Base.empty()) {
      llvm::sys::fs::make_absolute(Abs);
    } else {
      Abs = Base;
      llvm::sys::path::append(Abs, Path);
    }
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

namespace {

// The nearest compile_commands.json in Dir or a parent of it.
std::string findDatabaseAbove(llvm::StringRef Dir) {
  for (llvm::StringRef D = Dir; !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return "";
}

// Two entries compile one file the same way when they differ only in the
// files the compiler writes.
std::string identity(const CompileCommand &C) {
  std::string Key = C.Filename + '\0' + C.Directory;
  for (size_t I = 0; I < C.CommandLine.size(); ++I) {
    llvm::StringRef Arg = C.CommandLine[I];
    if (Arg == "-o" || Arg == "-MF" || Arg == "-MT" || Arg == "-MQ") {
      ++I;
      continue;
    }
    if (Arg.starts_with("-o") || Arg.starts_with("-MF") || Arg == "-MD" ||
        Arg == "-MMD")
      continue;
    Key += '\0' + Arg.str();
  }
  return Key;
}

// Why Text is not a JSON array of objects, or "". clang's loader recovers
// from syntax errors -- a lost closing bracket, a cut-off entry -- and
// prints them to stderr; a compile database must not half-load.
std::string syntaxError(llvm::StringRef Text) {
  llvm::SourceMgr Sources;
  std::string First;
  Sources.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Context) {
        auto &Message = *static_cast<std::string *>(Context);
        if (Message.empty())
          Message = "line " + std::to_string(D.getLineNo()) + ": " +
                    D.getMessage().str();
      },
      &First);
  llvm::yaml::Stream Stream(Text, Sources);
  llvm::yaml::document_iterator Doc = Stream.begin();
  if (Doc == Stream.end() || !Doc->getRoot())
    return "it is empty";
  auto *Entries = llvm::dyn_cast<llvm::yaml::SequenceNode>(Doc->getRoot());
  if (!Entries)
    return First.empty() ? "expected a JSON array of entries" : First;
  unsigned Index = 0;
  for (llvm::yaml::Node &Entry : *Entries) {
    if (!First.empty())
      break;
    if (!llvm::isa<llvm::yaml::MappingNode>(Entry))
      return "entry " + std::to_string(Index) + " is not a JSON object";
    Entry.skip();
    ++Index;
  }
  if (First.empty() && ++Doc != Stream.end())
    First = "text after the array";
  return First;
}

std::optional<std::vector<CompileCommand>> loadDatabase(const std::string &Path,
                                                        std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "cannot read compile database '" + Path +
            "': " + Buffer.getError().message();
    return std::nullopt;
  }
  std::string Message = syntaxError((*Buffer)->getBuffer());
  std::unique_ptr<JSONCompilationDatabase> DB;
  if (Message.empty())
    DB = JSONCompilationDatabase::loadFromBuffer(
        (*Buffer)->getBuffer(), Message, JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    Error = "malformed compile database '" + Path + "': " + Message;
    return std::nullopt;
  }
  // A relative "directory" is relative to the database, a relative "file"
  // to its directory.
  std::string Base(llvm::sys::path::parent_path(absolutePath(Path)));
  std::vector<CompileCommand> Commands = DB->getAllCompileCommands();
  if (Commands.empty()) {
    Error = "compile database '" + Path + "' lists no translation units";
    return std::nullopt;
  }
  for (CompileCommand &C : Commands) {
    C.Directory = absolutePath(C.Directory, Base);
    C.Filename = absolutePath(C.Filename, C.Directory);
  }
  return Commands;
}

std::string resolveDatabase(const WorkRequest &Request, std::string &Error) {
  if (!Request.BuildPath.empty()) {
    if (!llvm::sys::fs::exists(Request.BuildPath)) {
      Error = "no such build directory or compile database: '" +
              Request.BuildPath + "'";
      return "";
    }
    if (!llvm::sys::fs::is_directory(Request.BuildPath))
      return Request.BuildPath;
    llvm::SmallString<256> Path(Request.BuildPath);
    llvm::sys::path::append(Path, "compile_commands.json");
    if (!llvm::sys::fs::exists(Path))
      Error = "no compile database: '" + Request.BuildPath +
              "' has no compile_commands.json";
    return std::string(Path);
  }
  std::string Start = std::string(
      llvm::sys::path::parent_path(absolutePath(Request.Selectors[0])));
  std::string Found = findDatabaseAbove(Start);
  if (Found.empty())
    Error = "no compile database: no compile_commands.json in '" + Start +
            "' or above it; pass -p <build dir>, or compile flags after '--'";
  return Found;
}

// A selector names a file, a directory to take every file under, or else
// is a regex searched for in the file names.
std::optional<std::function<bool(llvm::StringRef)>>
selector(const std::string &S, std::string &Error) {
  std::string Path = absolutePath(S);
  if (llvm::sys::fs::is_directory(S))
    return [Prefix = Path + "/"](llvm::StringRef F) {
      return F.starts_with(Prefix);
    };
  if (llvm::sys::fs::exists(S))
    return [Path](llvm::StringRef F) { return F == Path; };
  auto Pattern = std::make_shared<llvm::Regex>(S);
  std::string Why;
  if (!Pattern->isValid(Why)) {
    Error = "'" + S + "' is neither a file nor a valid regex: " + Why;
    return std::nullopt;
  }
  return [Pattern](llvm::StringRef F) { return Pattern->match(F); };
}

// The commands of a database, for clang's interpolation to choose from.
class CommandList : public CompilationDatabase {
public:
  explicit CommandList(std::vector<CompileCommand> Commands)
      : Commands(std::move(Commands)) {}
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<CompileCommand> Found;
    for (const CompileCommand &C : Commands)
      if (C.Filename == File)
        Found.push_back(C);
    return Found;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const CompileCommand &C : Commands)
      Files.push_back(C.Filename);
    return Files;
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Commands;
  }

private:
  std::vector<CompileCommand> Commands;
};

// A command for a header that has no entry of its own, taken from the
// entry clangd would take it from: the nearest analysable unit, in the
// header's language.
std::optional<CompileCommand>
inferHeaderCommand(const std::vector<CompileCommand> &Commands,
                   const std::string &Header) {
  namespace types = clang::driver::types;
  types::ID Type = languageByExtension(Header);
  if (Type == types::TY_INVALID || !types::onlyPrecompileType(Type) ||
      !types::isDerivedFromC(Type) || !llvm::sys::fs::is_regular_file(Header))
    return std::nullopt;
  std::vector<CompileCommand> Proxies;
  llvm::copy_if(Commands, std::back_inserter(Proxies), isAnalysable);
  if (Proxies.empty())
    return std::nullopt;
  auto Inferring =
      inferMissingCompileCommands(std::make_unique<CommandList>(Proxies));
  return Inferring->getCompileCommands(Header).front();
}

bool select(std::vector<CompileCommand> &Commands, const WorkRequest &Request,
            const std::string &Database, std::string &Error) {
  std::vector<bool> Keep(Commands.size(), Request.Selectors.empty());
  std::vector<CompileCommand> Inferred;
  for (const std::string &S : Request.Selectors) {
    auto Selects = selector(S, Error);
    if (!Selects)
      return false;
    bool Matched = false;
    for (size_t I = 0; I < Commands.size(); ++I)
      if ((*Selects)(Commands[I].Filename))
        Matched = Keep[I] = true;
    if (Matched)
      continue;
    if (std::optional<CompileCommand> C =
            inferHeaderCommand(Commands, absolutePath(S))) {
      Inferred.push_back(std::move(*C));
      continue;
    }
    Error =
        "'" + S + "' matches no file of compile database '" + Database + "'";
    return false;
  }
  for (const std::string &E : Request.Excludes) {
    llvm::Regex Pattern(E);
    std::string Why;
    if (!Pattern.isValid(Why)) {
      Error = "invalid --exclude regex '" + E + "': " + Why;
      return false;
    }
    for (size_t I = 0; I < Commands.size(); ++I)
      if (Pattern.match(Commands[I].Filename))
        Keep[I] = false;
    llvm::erase_if(Inferred, [&](const CompileCommand &C) {
      return Pattern.match(C.Filename);
    });
  }
  if (llvm::none_of(Keep, [](bool K) { return K; }) && Inferred.empty()) {
    Error = "--exclude leaves no translation unit of compile database '" +
            Database + "' to analyse";
    return false;
  }
  std::vector<CompileCommand> Selected;
  for (size_t I = 0; I < Commands.size(); ++I)
    if (Keep[I])
      Selected.push_back(std::move(Commands[I]));
  llvm::append_range(Selected, Inferred);
  Commands = std::move(Selected);
  return true;
}

} // namespace

std::optional<WorkList> selectWork(const WorkRequest &Request,
                                   std::string &Error) {
  WorkList Work;
  std::vector<CompileCommand> Commands;
  if (Request.FixedArgs) {
    if (!Request.BuildPath.empty()) {
      Error = "-p and compile flags after '--' both give the compile "
              "commands; pass only one";
      return std::nullopt;
    }
    if (Request.Selectors.empty()) {
      Error = "no source files before '--'";
      return std::nullopt;
    }
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    FixedCompilationDatabase Fixed(Cwd, *Request.FixedArgs);
    for (const std::string &File : Request.Selectors)
      for (CompileCommand &C : Fixed.getCompileCommands(absolutePath(File)))
        Commands.push_back(std::move(C));
  } else {
    if (Request.BuildPath.empty() && Request.Selectors.empty()) {
      Error = "no input: pass -p <build dir>, source files, or both";
      return std::nullopt;
    }
    Work.DatabasePath = resolveDatabase(Request, Error);
    if (!Error.empty())
      return std::nullopt;
    std::optional<std::vector<CompileCommand>> Loaded =
        loadDatabase(Work.DatabasePath, Error);
    if (!Loaded || !select(*Loaded, Request, Work.DatabasePath, Error))
      return std::nullopt;
    Commands = std::move(*Loaded);
  }
  skipEntries(Commands, Work.Skipped);
  llvm::sort(Work.Skipped, [](const SkippedEntry &A, const SkippedEntry &B) {
    return std::tie(A.File, A.Kind) < std::tie(B.File, B.Kind);
  });
  // A canonical order, so that the work list, its result files and its
  // shards do not depend on the order of the database; of duplicates, the
  // first in this order is kept.
  // Equal keys keep the database's order, sorted by index rather than
  // with std::stable_sort, whose buffer libstdc++ 12 deprecates.
  auto Key = [&](unsigned I) {
    const CompileCommand &C = Commands[I];
    return std::tie(C.Filename, C.Directory, C.CommandLine);
  };
  std::vector<unsigned> Order(Commands.size());
  std::iota(Order.begin(), Order.end(), 0);
  llvm::sort(Order, [&](unsigned A, unsigned B) {
    return Key(A) != Key(B) ? Key(A) < Key(B) : A < B;
  });
  std::vector<CompileCommand> Sorted;
  Sorted.reserve(Commands.size());
  for (unsigned I : Order)
    Sorted.push_back(std::move(Commands[I]));
  Commands = std::move(Sorted);
  llvm::StringSet<> Seen;
  for (CompileCommand &C : Commands) {
    dropPrecompiledHeaders(C);
    if (!Seen.insert(identity(C)).second) {
      ++Work.Duplicates;
      continue;
    }
    Work.Units.push_back(std::move(C));
  }
  return Work;
}

std::string inspectSource(llvm::StringRef File) {
  std::string Path(File);
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return std::string("cannot read it: ") + std::strerror(errno);
  if (S_ISDIR(St.st_mode))
    return "it is a directory, not a source file";
  if (!S_ISREG(St.st_mode))
    return "it is not a regular file";
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return std::string("cannot read it: ") + std::strerror(errno);
  char Buffer[8192];
  ssize_t N = ::read(Fd, Buffer, sizeof(Buffer));
  int Err = errno;
  ::close(Fd);
  if (N < 0)
    return std::string("cannot read it: ") + std::strerror(Err);
  // Source text never holds a NUL byte; object files and images do.
  if (std::memchr(Buffer, '\0', N))
    return "it is not a source file: it holds binary data";
  return "";
}

} // namespace durcheck
