// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// A correct atomic replace in C++: write the temporary with std::ofstream,
// fsync it through a POSIX fd, rename it over the destination, then fsync
// the destination's parent directory. Nothing to report.

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

bool write_file_atomically(const fs::path &dst, const std::string &text) {
  fs::path tmp = dst;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out)
      return false;
  }
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd < 0)
    return false;
  if (::fsync(fd) != 0) {
    ::close(fd);
    return false;
  }
  ::close(fd);
  fs::rename(tmp, dst);
  fs::path parent = dst.parent_path();
  int dfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return false;
  int rc = ::fsync(dfd);
  ::close(dfd);
  return rc == 0;
}

// The same in a member function, with the destination a data member.
class Store {
public:
  explicit Store(fs::path path) : path_(std::move(path)) {}
  bool save(const std::string &text);

private:
  fs::path path_;
};

bool Store::save(const std::string &text) {
  fs::path tmp = path_;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
      return false;
  }
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd < 0)
    return false;
  if (::fsync(fd) != 0) {
    ::close(fd);
    return false;
  }
  ::close(fd);
  fs::rename(tmp, path_);
  fs::path parent = path_.parent_path();
  int dfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return false;
  int rc = ::fsync(dfd);
  ::close(dfd);
  return rc == 0;
}
