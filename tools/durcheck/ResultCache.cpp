//===- ResultCache.cpp - Unit results reused across runs ------------------===//

#include "ResultCache.h"
#include "DurableFile.h"
#include "JSONReader.h"
#include "ResultFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include <set>

namespace durcheck {
namespace {

// The first line of an entry; the number is the format's version.
constexpr llvm::StringLiteral Magic = "durcheck-cache 1 ";

std::string hashText(llvm::ArrayRef<llvm::StringRef> Parts) {
  llvm::BLAKE3 Hash;
  for (llvm::StringRef Part : Parts) {
    // Each part's length first, so that no two sequences hash alike.
    std::string Length = std::to_string(Part.size()) + ":";
    Hash.update(Length);
    Hash.update(Part);
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

// This very binary: another build of durcheck may analyse differently
// under the same version number. The shared libraries it runs on --
// libclang-cpp and libLLVM, among others -- are too large to hash each
// run; their size and time of change stand for them, which a package
// update changes.
const std::string &binaryHash() {
  static const std::string Hash = [] {
    std::string Self = llvm::sys::fs::getMainExecutable(
        nullptr, reinterpret_cast<void *>(&binaryHash));
    auto Buffer = llvm::MemoryBuffer::getFile(Self, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    // Unreadable, it still keys apart from every readable build. The
    // mapped binary is hashed in place: a copy of it cost more than the
    // hash.
    llvm::StringRef Binary = Buffer ? (*Buffer)->getBuffer() : "unreadable";
    std::vector<std::string> Parts;
    auto Maps = llvm::MemoryBuffer::getFileAsStream("/proc/self/maps");
    std::set<std::string> Libraries;
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    if (Maps)
      (*Maps)->getBuffer().split(Lines, '\n');
    for (llvm::StringRef Line : Lines) {
      size_t Slash = Line.find('/');
      if (Slash != llvm::StringRef::npos && Line.contains(".so"))
        Libraries.insert(Line.substr(Slash).str());
    }
    for (const std::string &Library : Libraries) {
      llvm::sys::fs::file_status Status;
      if (llvm::sys::fs::status(Library, Status))
        continue;
      Parts.push_back(
          Library + " " + std::to_string(Status.getSize()) + " " +
          std::to_string(
              Status.getLastModificationTime().time_since_epoch().count()));
    }
    std::vector<llvm::StringRef> Refs{Binary};
    Refs.insert(Refs.end(), Parts.begin(), Parts.end());
    return hashText(Refs);
  }();
  return Hash;
}

} // namespace

std::string ResultCache::prepare(llvm::StringRef Dir) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return "cannot create the cache directory '" + Dir.str() +
           "': " + EC.message();
  llvm::SmallString<256> Probe(Dir);
  llvm::sys::path::append(Probe, "probe.unit");
  return checkWritable(Probe);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key + ".unit");
  return std::string(Path);
}

std::string ResultCache::fileHash(llvm::StringRef File) {
  {
    std::lock_guard<std::mutex> Guard(HashLock);
    auto It = Hashes.find(File);
    if (It != Hashes.end())
      return It->second;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  std::string Hash = Buffer ? hashText({(*Buffer)->getBuffer()}) : "";
  std::lock_guard<std::mutex> Guard(HashLock);
  return Hashes.try_emplace(File, Hash).first->second;
}

std::optional<UnitResult> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  // The key line with a hash of the rest, which a torn or damaged entry
  // fails; then the files read and their hashes, then the result file.
  auto [KeyLine, Rest] = (*Buffer)->getBuffer().split('\n');
  auto [FilesLine, Result] = Rest.split('\n');
  if (KeyLine != (Magic + Key + " " + hashText({Rest})).str())
    return std::nullopt;
  std::string Error;
  std::optional<llvm::json::Value> Files = readJSON(FilesLine, Error);
  if (!Files)
    return std::nullopt;
  const llvm::json::Array *Pairs = Files->getAsArray();
  if (!Pairs)
    return std::nullopt;
  for (const llvm::json::Value &P : *Pairs) {
    const llvm::json::Array *Pair = P.getAsArray();
    if (!Pair || Pair->size() != 2 || !(*Pair)[0].getAsString() ||
        !(*Pair)[1].getAsString() ||
        fileHash(*(*Pair)[0].getAsString()) != *(*Pair)[1].getAsString())
      return std::nullopt;
  }
  std::optional<UnitResult> R = readUnitResult(Result, Error);
  if (!R)
    return std::nullopt;
  // Recently used: eviction goes by modification time.
  int Fd;
  if (!llvm::sys::fs::openFileForWrite(Path, Fd, llvm::sys::fs::CD_OpenExisting,
                                       llvm::sys::fs::OF_Append)) {
    (void)llvm::sys::fs::setLastAccessAndModificationTime(
        Fd, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(Fd);
  }
  ++Hits;
  return R;
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &R,
                        llvm::ArrayRef<std::string> FilesRead) {
  llvm::json::Array Files;
  for (const std::string &File : FilesRead) {
    std::string Hash = fileHash(File);
    // A file gone since the analysis read it cannot vouch for a reuse.
    if (Hash.empty())
      return;
    Files.push_back(llvm::json::Array{File, Hash});
  }
  std::string Rest =
      llvm::formatv("{0}\n", llvm::json::Value(std::move(Files))).str() +
      writeUnitResult(R);
  (void)writeFileDurably(
      entryPath(Key),
      (Magic + Key + " " + hashText({Rest}) + "\n" + Rest).str());
}

void ResultCache::evict() {
  struct Entry {
    std::string Path;
    llvm::sys::TimePoint<> Used;
    uint64_t Size;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    llvm::sys::fs::file_status Status;
    // Another process's temporaries start with a dot; they are not ours.
    if (Name.starts_with(".") || !Name.ends_with(".unit") ||
        llvm::sys::fs::status(It->path(), Status))
      continue;
    Entries.push_back(
        {It->path(), Status.getLastModificationTime(), Status.getSize()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return;
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return std::tie(A.Used, A.Path) < std::tie(B.Used, B.Path);
  });
  for (const Entry &E : Entries) {
    if (Total <= MaxBytes)
      break;
    // Another process may have evicted it first.
    (void)llvm::sys::fs::remove(E.Path);
    Total -= E.Size;
  }
}

std::string unitCacheKey(const clang::tooling::CompileCommand &Command,
                         SharedOptions &Options) {
  std::string Config = clang::tidy::configurationAsText(
      Options.forUnit(Command.Directory)->getOptions(Command.Filename));
  std::vector<llvm::StringRef> Parts{
      DURCHECK_VERSION, LLVM_VERSION_STRING,
      binaryHash(),     Options.fixNotes() ? "fix-notes" : "",
      Config,           Command.Directory,
      Command.Filename};
  Parts.insert(Parts.end(), Command.CommandLine.begin(),
               Command.CommandLine.end());
  return hashText(Parts);
}

std::optional<uint64_t> parseSize(llvm::StringRef Text) {
  uint64_t Scale = 1;
  if (Text.consume_back("K"))
    Scale = uint64_t(1) << 10;
  else if (Text.consume_back("M"))
    Scale = uint64_t(1) << 20;
  else if (Text.consume_back("G"))
    Scale = uint64_t(1) << 30;
  uint64_t N;
  if (Text.getAsInteger(10, N) || N > UINT64_MAX / Scale)
    return std::nullopt;
  return N * Scale;
}

} // namespace durcheck
