//===- ResultFile.cpp - Per-unit result files and facts directories -------===//
//
// Both files begin with a line of JSON naming the format and its version.
// The manifest's body is the second line. A unit's body is a line of JSON
// too, stored zlib-compressed -- the header says so and gives its size --
// since the summaries of every function of a unit are many and repetitive.
// llvm::json prints an object's keys sorted and zlib is deterministic at a
// given level, so the same result always gives the same bytes.
//
//===----------------------------------------------------------------------===//

#include "ResultFile.h"
#include "DurableFile.h"
#include "JSONReader.h"
#include "Parallel.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include <set>

using namespace clang::tidy;
using clang::tooling::DiagnosticMessage;
using clang::tooling::FileByteRange;
using clang::tooling::Replacement;
namespace json = llvm::json;

namespace durcheck {
namespace {

constexpr llvm::StringLiteral UnitFormat = "durcheck-unit";
constexpr llvm::StringLiteral ManifestFormat = "durcheck-facts";
constexpr llvm::StringLiteral ManifestName = "manifest.json";

json::Object header(llvm::StringRef Format) {
  return json::Object{{"format", Format}, {"version", ResultFormatVersion}};
}

std::string twoLines(llvm::StringRef Format, json::Value Body) {
  return llvm::formatv("{0}\n{1}\n", json::Value(header(Format)), Body).str();
}

// The header, then the body's text compressed when zlib is there.
std::string compressedBody(llvm::StringRef Format, std::string Text) {
  json::Object Header = header(Format);
  if (!llvm::compression::zlib::isAvailable())
    return llvm::formatv("{0}\n{1}", json::Value(std::move(Header)), Text)
        .str();
  // Level 5: on postgresql-15's result files (68 MB of JSON) it takes 0.59
  // CPU s for 9.8 MB, the default level (6) 0.90 s for 9.5 MB, and the best
  // one 3.4 times the default's CPU for 3% less than it.
  llvm::SmallVector<uint8_t, 0> Packed;
  llvm::compression::zlib::compress(llvm::arrayRefFromStringRef(Text), Packed,
                                    /*Level=*/5);
  Header["body"] = "zlib";
  Header["size"] = int64_t(Text.size());
  return llvm::formatv("{0}\n", json::Value(std::move(Header))).str() +
         llvm::toStringRef(Packed).str();
}

// The body of a file of Format, or nullopt with why not.
std::optional<json::Value>
readTwoLines(llvm::StringRef Text, llvm::StringRef Format, std::string &Error) {
  auto [HeaderLine, Rest] = Text.split('\n');
  llvm::Expected<json::Value> Header = json::parse(HeaderLine);
  const json::Object *H = Header ? Header->getAsObject() : nullptr;
  if (!Header)
    llvm::consumeError(Header.takeError());
  std::optional<llvm::StringRef> Found =
      H ? H->getString("format") : std::nullopt;
  if (!Found || *Found != Format) {
    Error = "not a " + Format.str() + " file";
    return std::nullopt;
  }
  std::optional<int64_t> Version = H->getInteger("version");
  if (Version != ResultFormatVersion) {
    Error = "written in version " +
            (Version ? std::to_string(*Version) : std::string("?")) +
            " of the format; this durcheck reads version " +
            std::to_string(ResultFormatVersion) + " only";
    return std::nullopt;
  }
  llvm::SmallVector<uint8_t, 0> Unpacked;
  if (H->getString("body") == llvm::StringRef("zlib")) {
    std::optional<int64_t> Size = H->getInteger("size");
    if (!Size || *Size < 0 || !llvm::compression::zlib::isAvailable()) {
      Error = "truncated or damaged";
      return std::nullopt;
    }
    if (llvm::Error Err = llvm::compression::zlib::decompress(
            llvm::arrayRefFromStringRef(Rest), Unpacked, size_t(*Size))) {
      llvm::consumeError(std::move(Err));
      Error = "truncated or damaged";
      return std::nullopt;
    }
    Rest = llvm::toStringRef(Unpacked);
  }
  auto [BodyLine, Tail] = Rest.split('\n');
  if (!Tail.empty() || !Rest.ends_with("\n")) {
    Error = "truncated or damaged";
    return std::nullopt;
  }
  std::string Why;
  std::optional<json::Value> Body = readJSON(BodyLine, Why);
  if (!Body)
    Error = "damaged: " + Why;
  return Body;
}

//===-- Findings ----------------------------------------------------------===//

// The paths a result file holds: as they are, or, for a relocatable file,
// relative to the unit's build directory where they lie below it.
class PathMap {
public:
  explicit PathMap(llvm::StringRef Root = "") : Root(Root) {}
  std::string operator()(llvm::StringRef Path) const {
    if (Root.empty())
      return Path.str();
    if (Path == Root)
      return ".";
    if (Path.starts_with(Root) && Path.drop_front(Root.size()).starts_with("/"))
      return Path.drop_front(Root.size() + 1).str();
    return Path.str();
  }

private:
  llvm::StringRef Root;
};

json::Value messageJSON(const DiagnosticMessage &M, const PathMap &Map) {
  json::Array Fix, Ranges;
  std::vector<const Replacement *> Edits;
  for (const auto &Entry : M.Fix)
    for (const Replacement &R : Entry.second)
      Edits.push_back(&R);
  llvm::sort(Edits, [](const Replacement *A, const Replacement *B) {
    return *A < *B;
  });
  for (const Replacement *R : Edits)
    Fix.push_back(json::Array{Map(R->getFilePath()), int64_t(R->getOffset()),
                              int64_t(R->getLength()),
                              json::fixUTF8(R->getReplacementText())});
  for (const FileByteRange &R : M.Ranges)
    Ranges.push_back(
        json::Array{Map(R.FilePath), int64_t(R.FileOffset), int64_t(R.Length)});
  json::Object O{{"text", json::fixUTF8(M.Message)},
                 {"file", Map(M.FilePath)},
                 {"offset", int64_t(M.FileOffset)}};
  if (!Fix.empty())
    O["fix"] = std::move(Fix);
  if (!Ranges.empty())
    O["ranges"] = std::move(Ranges);
  return O;
}

bool readMessage(const json::Value &V, DiagnosticMessage &M) {
  const json::Object *O = V.getAsObject();
  if (!O || !O->getString("text") || !O->getString("file") ||
      !O->getInteger("offset"))
    return false;
  M.Message = O->getString("text")->str();
  M.FilePath = O->getString("file")->str();
  M.FileOffset = unsigned(*O->getInteger("offset"));
  if (const json::Array *Fix = O->getArray("fix"))
    for (const json::Value &E : *Fix) {
      const json::Array *A = E.getAsArray();
      if (!A || A->size() != 4 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger() ||
          !(*A)[3].getAsString())
        return false;
      Replacement R(*(*A)[0].getAsString(), unsigned(*(*A)[1].getAsInteger()),
                    unsigned(*(*A)[2].getAsInteger()), *(*A)[3].getAsString());
      if (llvm::Error Err = M.Fix[R.getFilePath()].add(R)) {
        llvm::consumeError(std::move(Err));
        return false;
      }
    }
  if (const json::Array *Ranges = O->getArray("ranges"))
    for (const json::Value &E : *Ranges) {
      const json::Array *A = E.getAsArray();
      if (!A || A->size() != 3 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger())
        return false;
      FileByteRange R;
      R.FilePath = (*A)[0].getAsString()->str();
      R.FileOffset = unsigned(*(*A)[1].getAsInteger());
      R.Length = unsigned(*(*A)[2].getAsInteger());
      M.Ranges.push_back(std::move(R));
    }
  return true;
}

constexpr llvm::StringLiteral Levels[] = {"warning", "error", "remark"};

json::Value findingJSON(const ClangTidyError &E, const PathMap &Map) {
  json::Array Notes;
  for (const DiagnosticMessage &N : E.Notes)
    Notes.push_back(messageJSON(N, Map));
  json::Object O{{"check", E.DiagnosticName},
                 {"level", Levels[E.DiagLevel == ClangTidyError::Error    ? 1
                                  : E.DiagLevel == ClangTidyError::Remark ? 2
                                                                          : 0]},
                 {"directory", Map(E.BuildDirectory)},
                 {"message", messageJSON(E.Message, Map)},
                 {"notes", std::move(Notes)}};
  if (E.IsWarningAsError)
    O["warningAsError"] = true;
  return O;
}

std::optional<ClangTidyError> readFinding(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  std::optional<llvm::StringRef> Level =
      O ? O->getString("level") : std::nullopt;
  const json::Array *Notes = O ? O->getArray("notes") : nullptr;
  if (!Level || !O->getString("check") || !O->getString("directory") ||
      !O->get("message") || !Notes)
    return std::nullopt;
  ClangTidyError::Level L = *Level == "error"    ? ClangTidyError::Error
                            : *Level == "remark" ? ClangTidyError::Remark
                                                 : ClangTidyError::Warning;
  ClangTidyError E(*O->getString("check"), L, *O->getString("directory"),
                   O->getBoolean("warningAsError").value_or(false));
  if (!readMessage(*O->get("message"), E.Message))
    return std::nullopt;
  for (const json::Value &N : *Notes)
    if (!readMessage(N, E.Notes.emplace_back()))
      return std::nullopt;
  return E;
}

std::optional<std::vector<std::string>> strings(const json::Array *A) {
  if (!A)
    return std::nullopt;
  std::vector<std::string> Out;
  for (const json::Value &V : *A) {
    if (!V.getAsString())
      return std::nullopt;
    Out.push_back(V.getAsString()->str());
  }
  return Out;
}

// Named by the unit's position in the work list, so that the directories
// of shards merge without clashing.
std::string unitFileName(unsigned Index) {
  char Name[32];
  snprintf(Name, sizeof Name, "unit-%06u.json", Index);
  return Name;
}

} // namespace

std::string workListIdentity(const WorkList &Work) {
  llvm::SHA256 Hash;
  for (const clang::tooling::CompileCommand &C : Work.Units) {
    Hash.update(C.Directory);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(C.Filename);
    for (const std::string &Arg : C.CommandLine) {
      Hash.update(llvm::StringRef("\0", 1));
      Hash.update(Arg);
    }
    Hash.update(llvm::StringRef("\n"));
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
}

namespace {

std::vector<llvm::StringRef> sortedKeys(const json::Object &O) {
  std::vector<llvm::StringRef> Keys;
  for (const auto &KV : O)
    Keys.push_back(KV.first);
  llvm::sort(Keys);
  return Keys;
}

// Body with Sections as its "sections", printed as llvm::json prints an
// object, keys sorted, but without copying the sections into it: they are
// most of a unit's result.
std::string bodyText(const json::Object &Body, const json::Object &Sections) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  json::OStream J(OS);
  std::vector<llvm::StringRef> Keys = sortedKeys(Body);
  Keys.insert(llvm::upper_bound(Keys, "sections"), "sections");
  J.object([&] {
    for (llvm::StringRef K : Keys) {
      if (K != "sections") {
        J.attribute(K, *Body.get(K));
        continue;
      }
      J.attributeObject(K, [&] {
        for (llvm::StringRef Check : sortedKeys(Sections))
          J.attribute(Check, *Sections.get(Check));
      });
    }
  });
  OS << '\n';
  return Text;
}

} // namespace

std::string writeUnitResult(const UnitResult &R, bool Relocatable) {
  PathMap Map(Relocatable ? llvm::StringRef(R.BuildDirectory) : "");
  json::Array Findings, Files;
  for (const ClangTidyError &E : R.Findings)
    Findings.push_back(findingJSON(E, Map));
  for (const std::string &F : R.Files)
    Files.push_back(Map(F));
  json::Object Body{{"file", Map(R.File)},
                    {"directory", Map(R.BuildDirectory)},
                    {"status", !R.Failure.empty() ? "failed"
                               : !R.ChecksEnabled ? "no-checks"
                                                  : "analysed"},
                    {"files", std::move(Files)},
                    {"errorChecks", R.ErrorChecks},
                    {"findings", std::move(Findings)}};
  if (!R.Failure.empty())
    Body["reason"] = json::fixUTF8(R.Failure);
  return compressedBody(UnitFormat, bodyText(Body, R.Sections));
}

std::optional<UnitResult> readUnitResult(llvm::StringRef Text,
                                         std::string &Error) {
  std::optional<json::Value> Body = readTwoLines(Text, UnitFormat, Error);
  if (!Body)
    return std::nullopt;
  json::Object *O = Body->getAsObject();
  std::optional<llvm::StringRef> Status =
      O ? O->getString("status") : std::nullopt;
  std::optional<std::vector<std::string>> Files, ErrorChecks;
  if (O) {
    Files = strings(O->getArray("files"));
    ErrorChecks = strings(O->getArray("errorChecks"));
  }
  const json::Array *Findings = O ? O->getArray("findings") : nullptr;
  json::Object *Sections = O ? O->getObject("sections") : nullptr;
  if (!Status || !O->getString("file") || !O->getString("directory") ||
      !Files || !ErrorChecks || !Findings || !Sections) {
    Error = "damaged: a field is missing";
    return std::nullopt;
  }
  UnitResult R;
  R.File = O->getString("file")->str();
  R.BuildDirectory = O->getString("directory")->str();
  R.Files = std::move(*Files);
  R.ErrorChecks = std::move(*ErrorChecks);
  // Moved, not copied: the summaries are most of a unit's result.
  R.Sections = std::move(*Sections);
  R.ChecksEnabled = *Status != "no-checks";
  if (*Status == "failed")
    R.Failure = O->getString("reason").value_or("not analysed").str();
  for (const json::Value &F : *Findings) {
    std::optional<ClangTidyError> E = readFinding(F);
    if (!E) {
      Error = "damaged: a finding cannot be read";
      return std::nullopt;
    }
    R.Findings.push_back(std::move(*E));
  }
  return R;
}

std::string writeFactsDirectory(llvm::StringRef Dir,
                                const FactsManifest &Manifest,
                                llvm::ArrayRef<UnitResult> Results) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return "cannot create --facts-dir '" + Dir.str() + "': " + EC.message();
  std::vector<std::pair<std::string, std::string>> Files;
  std::set<std::string> Written;
  for (size_t I = 0; I < Results.size(); ++I) {
    Files.push_back(
        {unitFileName(Manifest.Indexes[I]), writeUnitResult(Results[I])});
    Written.insert(Files.back().first);
  }
  json::Array Indexes;
  for (unsigned I : Manifest.Indexes)
    Indexes.push_back(int64_t(I));
  // A directory without a manifest is incomplete; it is written last, and
  // an earlier run's manifest goes first.
  llvm::SmallString<256> ManifestPath(Dir);
  llvm::sys::path::append(ManifestPath, ManifestName);
  llvm::sys::fs::remove(ManifestPath);
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.starts_with("unit-") && Name.ends_with(".json") &&
        !Written.count(Name.str()))
      llvm::sys::fs::remove(It->path());
  }
  if (std::string Why = writeFilesDurably(Dir, Files); !Why.empty())
    return Why;
  json::Array Skipped;
  for (const SkippedEntry &S : Manifest.Skipped)
    Skipped.push_back(json::Array{S.File, jsonKey(S.Kind)});
  json::Object Body{{"workList", Manifest.WorkList},
                    {"shard", json::Array{Manifest.Shard, Manifest.Shards}},
                    {"units", Manifest.Units},
                    {"duplicates", Manifest.Duplicates},
                    {"indexes", std::move(Indexes)},
                    {"skipped", std::move(Skipped)}};
  return writeFileDurably(ManifestPath,
                          twoLines(ManifestFormat, std::move(Body)));
}

namespace {

std::optional<SkippedEntry> skippedEntry(const json::Value &V) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 2 || !(*A)[0].getAsString() || !(*A)[1].getAsString())
    return std::nullopt;
  for (SkipKind Kind : AllSkipKinds)
    if (jsonKey(Kind) == *(*A)[1].getAsString())
      return SkippedEntry{(*A)[0].getAsString()->str(), Kind};
  return std::nullopt;
}

// The result file at Path, which the result remembers for the join's
// messages.
std::optional<UnitResult> readUnitFile(llvm::StringRef Path,
                                       std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = Path.str() + ": " + Buffer.getError().message();
    return std::nullopt;
  }
  std::string Why;
  std::optional<UnitResult> R = readUnitResult((*Buffer)->getBuffer(), Why);
  if (!R) {
    Error = Path.str() + ": " + Why;
    return std::nullopt;
  }
  R->ResultFile = Path.str();
  return R;
}

// The result files at Paths, read on JobCount threads -- decompressing and
// parsing them is most of a join's reading -- in their order; the first
// that cannot be read gives the error.
std::optional<std::vector<UnitResult>>
readUnitFilesAt(llvm::ArrayRef<std::string> Paths, unsigned JobCount,
                std::string &Error) {
  std::vector<std::optional<UnitResult>> Read(Paths.size());
  std::vector<std::string> Errors(Paths.size());
  parallelFor(Paths.size(), JobCount,
              [&](size_t I) { Read[I] = readUnitFile(Paths[I], Errors[I]); });
  std::vector<UnitResult> Results;
  Results.reserve(Paths.size());
  for (size_t I = 0; I < Paths.size(); ++I) {
    if (!Read[I]) {
      Error = std::move(Errors[I]);
      return std::nullopt;
    }
    Results.push_back(std::move(*Read[I]));
  }
  return Results;
}

std::optional<FactsManifest> readManifest(llvm::StringRef Dir,
                                          std::string &Error) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, ManifestName);
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "'" + Dir.str() + "' holds no complete durcheck results (" +
            Path.str().str() + ": " + Buffer.getError().message() + ")";
    return std::nullopt;
  }
  std::string Why;
  std::optional<json::Value> Body =
      readTwoLines((*Buffer)->getBuffer(), ManifestFormat, Why);
  const json::Object *O = Body ? Body->getAsObject() : nullptr;
  const json::Array *Shard = O ? O->getArray("shard") : nullptr;
  const json::Array *Indexes = O ? O->getArray("indexes") : nullptr;
  const json::Array *Skipped = O ? O->getArray("skipped") : nullptr;
  FactsManifest M;
  if (O && Shard && Shard->size() == 2 && Indexes && Skipped &&
      O->getString("workList") && O->getInteger("units") &&
      O->getInteger("duplicates") && (*Shard)[0].getAsInteger() &&
      (*Shard)[1].getAsInteger()) {
    M.WorkList = O->getString("workList")->str();
    M.Shard = unsigned(*(*Shard)[0].getAsInteger());
    M.Shards = unsigned(*(*Shard)[1].getAsInteger());
    M.Units = unsigned(*O->getInteger("units"));
    M.Duplicates = unsigned(*O->getInteger("duplicates"));
    for (const json::Value &I : *Indexes)
      if (std::optional<int64_t> Index = I.getAsInteger();
          Index && *Index >= 0 && *Index < int64_t(M.Units))
        M.Indexes.push_back(unsigned(*Index));
      else
        Why = "damaged: a unit index is out of range";
    for (const json::Value &S : *Skipped)
      if (std::optional<SkippedEntry> Entry = skippedEntry(S))
        M.Skipped.push_back(std::move(*Entry));
      else
        Why = "damaged: a skipped entry is malformed";
  } else if (Why.empty()) {
    Why = "damaged: a field is missing";
  }
  if (!Why.empty()) {
    Error = Path.str().str() + ": " + Why;
    return std::nullopt;
  }
  return M;
}

} // namespace

std::optional<std::vector<UnitResult>>
readFactsDirectories(llvm::ArrayRef<std::string> Dirs, FactsManifest &Manifest,
                     unsigned JobCount, std::string &Error) {
  std::vector<std::optional<std::string>> DirOf;
  std::vector<bool> ShardSeen;
  for (const std::string &Dir : Dirs) {
    std::optional<FactsManifest> M = readManifest(Dir, Error);
    if (!M)
      return std::nullopt;
    if (DirOf.empty()) {
      Manifest = *M;
      Manifest.Indexes.clear();
      DirOf.resize(M->Units);
      ShardSeen.resize(M->Shards);
    } else if (M->WorkList != Manifest.WorkList || M->Units != Manifest.Units) {
      Error = "'" + Dir +
              "' holds the results of another compile database "
              "or selection than '" +
              Dirs.front() + "'";
      return std::nullopt;
    } else if (M->Shards != Manifest.Shards) {
      Error = "'" + Dir + "' holds shard " + std::to_string(M->Shard) + " of " +
              std::to_string(M->Shards) + ", but '" + Dirs.front() +
              "' one of " + std::to_string(Manifest.Shards);
      return std::nullopt;
    }
    if (M->Shard < 1 || M->Shard > M->Shards || ShardSeen[M->Shard - 1]) {
      Error = "'" + Dir + "' holds shard " + std::to_string(M->Shard) + " of " +
              std::to_string(M->Shards) + " a second time";
      return std::nullopt;
    }
    ShardSeen[M->Shard - 1] = true;
    for (unsigned I : M->Indexes)
      DirOf[I] = Dir;
  }
  for (unsigned K = 0; K < ShardSeen.size(); ++K)
    if (!ShardSeen[K]) {
      Error = "shard " + std::to_string(K + 1) + " of " +
              std::to_string(Manifest.Shards) +
              " is missing: pass the --facts-dir of every shard";
      return std::nullopt;
    }
  std::vector<std::string> Paths;
  for (unsigned I = 0; I < DirOf.size(); ++I) {
    if (!DirOf[I]) {
      Error = "unit " + std::to_string(I) +
              " of the work list is in no "
              "directory given";
      return std::nullopt;
    }
    llvm::SmallString<256> Path(*DirOf[I]);
    llvm::sys::path::append(Path, unitFileName(I));
    Paths.push_back(std::string(Path));
    Manifest.Indexes.push_back(I);
  }
  return readUnitFilesAt(Paths, JobCount, Error);
}

namespace {

// Result files of --result-file, each a unit of its own, in the order
// given: a run of as many units, named by what they are.
std::optional<std::vector<UnitResult>>
readUnitFiles(llvm::ArrayRef<std::string> Paths, FactsManifest &Manifest,
              unsigned JobCount, std::string &Error) {
  std::optional<std::vector<UnitResult>> Results =
      readUnitFilesAt(Paths, JobCount, Error);
  if (!Results)
    return std::nullopt;
  llvm::SHA256 Hash;
  for (const UnitResult &R : *Results) {
    Hash.update(R.BuildDirectory);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(R.File);
    Hash.update(llvm::StringRef("\n"));
    Manifest.Indexes.push_back(Manifest.Indexes.size());
  }
  Manifest.WorkList =
      llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 32);
  Manifest.Units = Results->size();
  return Results;
}

} // namespace

std::optional<std::vector<UnitResult>>
readJoinInputs(llvm::ArrayRef<std::string> Inputs, FactsManifest &Manifest,
               unsigned JobCount, std::string &Error) {
  auto IsFile = [](const std::string &P) {
    return llvm::sys::fs::is_regular_file(P);
  };
  if (llvm::all_of(Inputs, IsFile))
    return readUnitFiles(Inputs, Manifest, JobCount, Error);
  if (llvm::any_of(Inputs, IsFile)) {
    Error = "--join takes the directories of one run, or result files, "
            "not both";
    return std::nullopt;
  }
  return readFactsDirectories(Inputs, Manifest, JobCount, Error);
}

} // namespace durcheck
