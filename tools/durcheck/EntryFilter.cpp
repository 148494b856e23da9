//===- EntryFilter.cpp - Compile database entries as build tools record them =//

#include "EntryFilter.h"
#include "CompileDatabase.h"
#include "clang/Driver/ToolChain.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <optional>

using namespace clang::driver;
using clang::tooling::CompileCommand;
using llvm::StringRef;

namespace durcheck {
namespace {

using Arguments = std::vector<std::string>;

// The value of a flag spelt <Short>V, <Short> V, <Long>=V or <Long> V at
// Args[I]; I moves past a separate value.
std::optional<StringRef> flagValue(const Arguments &Args, size_t &I,
                                   StringRef Short, StringRef Long) {
  StringRef Arg = Args[I];
  if (Arg == Short || Arg == Long) {
    if (I + 1 == Args.size())
      return std::nullopt;
    return StringRef(Args[++I]);
  }
  if (Arg.starts_with(Long) && Arg.drop_front(Long.size()).starts_with("="))
    return Arg.drop_front(Long.size() + 1);
  if (Arg.starts_with(Short) && !Arg.starts_with(Long))
    return Arg.drop_front(Short.size());
  return std::nullopt;
}

bool isCc1(const CompileCommand &C) {
  return C.CommandLine.size() > 1 && C.CommandLine[1] == "-cc1";
}

// The driver mode that the program's name or --driver-mode= selects.
StringRef driverMode(const CompileCommand &C) {
  StringRef Mode;
  if (!C.CommandLine.empty())
    if (const char *FromName =
            ToolChain::getTargetAndModeFromProgramName(C.CommandLine.front())
                .DriverMode)
      Mode = FromName;
  for (StringRef Arg : C.CommandLine)
    if (Arg.starts_with("--driver-mode="))
      Mode = Arg;
  Mode.consume_front("--driver-mode=");
  return Mode;
}

// The -x language in force where the command names its file; TY_INVALID
// for none, or for "-x none".
types::ID explicitLanguage(const CompileCommand &C) {
  const Arguments &Args = C.CommandLine;
  types::ID Language = types::TY_INVALID;
  for (size_t I = 1; I < Args.size(); ++I) {
    if (std::optional<StringRef> Value =
            flagValue(Args, I, "-x", "--language")) {
      Language = types::lookupTypeForTypeSpecifier(Value->str().c_str());
      continue;
    }
    if (absolutePath(Args[I], C.Directory) == C.Filename)
      break;
  }
  return Language;
}

bool isCFamily(const CompileCommand &C) {
  // clang's integrated assembler.
  if (C.CommandLine.size() > 1 && C.CommandLine[1] == "-cc1as")
    return false;
  StringRef Mode = driverMode(C);
  if (Mode == "flang" || Mode == "dxc")
    return false;
  types::ID Language = explicitLanguage(C);
  if (Language == types::TY_INVALID)
    Language = languageByExtension(C.Filename);
  // A file clang cannot place is left for the compile to judge.
  return Language == types::TY_INVALID || types::isDerivedFromC(Language);
}

std::optional<SkipKind> skipKind(const CompileCommand &C,
                                 const llvm::StringSet<> &DriverFiles) {
  if (!isCFamily(C))
    return SkipKind::NotCOrCxx;
  if (!isCc1(C))
    return std::nullopt;
  return DriverFiles.contains(C.Filename) ? SkipKind::Cc1WithDriverEntry
                                          : SkipKind::Cc1WithoutDriverEntry;
}

// Whether Args[I], Args[I + 1] is "-Xclang Flag".
bool isXclang(const Arguments &Args, size_t I, StringRef Flag) {
  return Args[I] == "-Xclang" && I + 1 < Args.size() && Args[I + 1] == Flag;
}

// Whether clang's driver would read a precompiled form of an -include:
// X.pch, or X.gch, beside the header X.
bool includesPrecompiled(const CompileCommand &C) {
  const Arguments &Args = C.CommandLine;
  for (size_t I = 1; I < Args.size(); ++I) {
    // What follows these is not a flag of the driver.
    if (Args[I] == "-include-pch" || Args[I] == "-Xclang") {
      ++I;
      continue;
    }
    if (std::optional<StringRef> Header =
            flagValue(Args, I, "-include", "--include")) {
      std::string Path = absolutePath(*Header, C.Directory);
      if (llvm::sys::fs::exists(Path + ".pch") ||
          llvm::sys::fs::exists(Path + ".gch"))
        return true;
    }
  }
  return false;
}

} // namespace

// The summary line's words and the JSON key of each kind, in SkipKind's
// order.
const char *const SkipNames[][2] = {
    {"not C or C++", "not_c_or_cxx"},
    {"clang -cc1 with a driver entry", "cc1_with_driver_entry"},
    {"clang -cc1 without a driver entry", "cc1_without_driver_entry"},
};

StringRef describe(SkipKind Kind) { return SkipNames[size_t(Kind)][0]; }

StringRef jsonKey(SkipKind Kind) { return SkipNames[size_t(Kind)][1]; }

types::ID languageByExtension(StringRef File) {
  StringRef Extension = llvm::sys::path::extension(File);
  if (Extension.empty())
    return types::TY_INVALID;
  return types::lookupTypeForExtension(Extension.drop_front());
}

bool isAnalysable(const CompileCommand &Command) {
  return isCFamily(Command) && !isCc1(Command);
}

void skipEntries(std::vector<CompileCommand> &Commands,
                 std::vector<SkippedEntry> &Skipped) {
  llvm::StringSet<> DriverFiles;
  for (const CompileCommand &C : Commands)
    if (!isCc1(C))
      DriverFiles.insert(C.Filename);
  std::vector<CompileCommand> Kept;
  for (CompileCommand &C : Commands) {
    if (std::optional<SkipKind> Kind = skipKind(C, DriverFiles))
      Skipped.push_back({C.Filename, *Kind});
    else
      Kept.push_back(std::move(C));
  }
  Commands = std::move(Kept);
}

void dropPrecompiledHeaders(CompileCommand &Command) {
  const Arguments &Args = Command.CommandLine;
  if (Args.empty())
    return;
  // clang turns only an -include flag into -include-pch; one it sees
  // through -Xclang is a plain include, as CMake's cmake_pch.hxx is.
  bool Rewrite = includesPrecompiled(Command);
  Arguments Kept{Args.front()};
  for (size_t I = 1; I < Args.size(); ++I) {
    if (Args[I] == "-include-pch") {
      ++I;
      continue;
    }
    if (isXclang(Args, I, "-include-pch")) {
      // Its file follows as -Xclang <file>.
      I += I + 3 < Args.size() && Args[I + 2] == "-Xclang" ? 3 : 1;
      continue;
    }
    if (isXclang(Args, I, "-emit-pch")) {
      ++I;
      continue;
    }
    size_t At = I;
    if (Args[I] == "-Xclang" && I + 1 < Args.size()) {
      ++I;
    } else if (std::optional<StringRef> Header =
                   flagValue(Args, I, "-include", "--include");
               Header && Rewrite) {
      Kept.insert(Kept.end(),
                  {"-Xclang", "-include", "-Xclang", Header->str()});
      continue;
    }
    Kept.insert(Kept.end(), Args.begin() + At, Args.begin() + I + 1);
  }
  Command.CommandLine = std::move(Kept);
}

} // namespace durcheck
