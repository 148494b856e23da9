// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=c++17

// In C++17 the fix takes the directory from std::filesystem; a path held
// in a std::string is the same file through .c_str().

#include <cstdio>
#include <fcntl.h>
#include <string>
#include <unistd.h>

int write_segment(const std::string &path, const std::string &data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'path.c_str()' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(path.c_str()).parent_path();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(durcheck_dir.empty() ? "." : durcheck_dir.c_str(), O_RDONLY | O_DIRECTORY);{{$}}
  if (fd < 0)
    return -1;
  if (::write(fd, data.data(), data.size()) < 0 || ::fsync(fd) != 0) {
    ::close(fd);
    return -1;
  }
  ::close(fd);
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: the function returns here without fsyncing the directory
  return 0;
}

// Negative: renamed into place afterwards.
int replace_segment(const std::string &tmp, const std::string &dst,
                    const std::string &data) {
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return -1;
  ::write(fd, data.data(), data.size());
  ::fsync(fd);
  ::close(fd);
  return std::rename(tmp.c_str(), dst.c_str());
}
