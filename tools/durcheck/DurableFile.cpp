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

} // namespace

std::string writeFileDurably(llvm::StringRef Path, llvm::StringRef Contents) {
  std::string Target(Path);
  std::string Temp = temporaryFor(Path);
  mode_t Mode = modeFor(Path);
  int Fd = ::mkstemp(Temp.data());
  if (Fd < 0)
    return failure("cannot write", Path, errno);
  // Everything up to the rename can fail with the target untouched.
  if (!writeAll(Fd, Contents) || ::fchmod(Fd, Mode) != 0 || ::fsync(Fd) != 0) {
    int Err = errno;
    ::close(Fd);
    ::unlink(Temp.c_str());
    return failure("cannot write", Path, Err);
  }
  if (::close(Fd) != 0) {
    int Err = errno;
    ::unlink(Temp.c_str());
    return failure("cannot write", Path, Err);
  }
  if (::rename(Temp.c_str(), Target.c_str()) != 0) {
    int Err = errno;
    ::unlink(Temp.c_str());
    return failure("cannot replace", Path, Err);
  }
  return syncDirectory(parentOf(Path));
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
