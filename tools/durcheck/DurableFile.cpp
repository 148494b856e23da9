//===- DurableFile.cpp - Writes that survive a crash whole or not at all --===//

#include "DurableFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace durcheck {
namespace {

std::string failure(llvm::StringRef What, llvm::StringRef Path, int Err) {
  return (What + " '" + Path + "': " + std::strerror(Err)).str();
}

std::string parentOf(llvm::StringRef Path) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  return Dir.empty() ? "." : Dir.str();
}

// A temporary beside Path, so that the rename stays in one file system.
std::string temporaryFor(llvm::StringRef Path) {
  llvm::SmallString<256> Temp(parentOf(Path));
  llvm::sys::path::append(Temp, "." + llvm::sys::path::filename(Path) +
                                    ".durcheck-XXXXXX");
  return std::string(Temp);
}

// The mode an existing file has, or what a new file would get.
mode_t modeFor(llvm::StringRef Path) {
  struct stat St;
  if (::stat(std::string(Path).c_str(), &St) == 0)
    return St.st_mode & 07777;
  mode_t Mask = ::umask(0);
  ::umask(Mask);
  return 0666 & ~Mask;
}

bool writeAll(int Fd, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(Fd, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(N);
  }
  return true;
}

// Makes the rename of an entry of Dir durable.
std::string syncDirectory(const std::string &Dir) {
  int DirFd = ::open(Dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (DirFd < 0)
    return failure("cannot open directory", Dir, errno);
  if (::fsync(DirFd) != 0) {
    int Err = errno;
    ::close(DirFd);
    return failure("cannot fsync directory", Dir, Err);
  }
  ::close(DirFd);
  return "";
}

// Everything of a durable write but the directory's fsync: 0, or -1 with
// the reason in Why.
int replaceFile(llvm::StringRef Path, llvm::StringRef Contents,
                std::string &Why) {
  std::string Target(Path);
  std::string Temp = temporaryFor(Path);
  mode_t Mode = modeFor(Path);
  int Fd = ::mkstemp(Temp.data());
  if (Fd < 0) {
    Why = failure("cannot write", Path, errno);
    return -1;
  }
  // Everything up to the rename can fail with the target untouched.
  if (!writeAll(Fd, Contents) || ::fchmod(Fd, Mode) != 0 || ::fsync(Fd) != 0) {
    int Err = errno;
    ::close(Fd);
    ::unlink(Temp.c_str());
    Why = failure("cannot write", Path, Err);
    return -1;
  }
  if (::close(Fd) != 0) {
    int Err = errno;
    ::unlink(Temp.c_str());
    Why = failure("cannot write", Path, Err);
    return -1;
  }
  if (::rename(Temp.c_str(), Target.c_str()) != 0) {
    int Err = errno;
    ::unlink(Temp.c_str());
    Why = failure("cannot replace", Path, Err);
    return -1;
  }
  return 0;
}

} // namespace

std::string writeFileDurably(llvm::StringRef Path, llvm::StringRef Contents) {
  std::string Why;
  if (replaceFile(Path, Contents, Why) != 0)
    return Why;
  return syncDirectory(parentOf(Path));
}

std::string
writeFilesDurably(llvm::StringRef Dir,
                  llvm::ArrayRef<std::pair<std::string, std::string>> Files) {
  std::string Why;
  for (const auto &[Name, Contents] : Files) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    if (replaceFile(Path, Contents, Why) != 0)
      break;
  }
  // One directory fsync makes every rename above durable, those before a
  // failure too.
  std::string Synced = syncDirectory(std::string(Dir));
  return Why.empty() ? Synced : Why;
}

std::string checkWritable(llvm::StringRef Path) {
  struct stat St;
  if (::stat(std::string(Path).c_str(), &St) == 0 && S_ISDIR(St.st_mode))
    return failure("cannot write", Path, EISDIR);
  std::string Temp = temporaryFor(Path);
  int Fd = ::mkstemp(Temp.data());
  if (Fd < 0)
    return failure("cannot write", Path, errno);
  ::close(Fd);
  ::unlink(Temp.c_str());
  return "";
}

} // namespace durcheck
