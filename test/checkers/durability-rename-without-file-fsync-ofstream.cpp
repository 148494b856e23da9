// RUN: %check_durability %s durability-rename-without-file-fsync %t -- -std=c++17

// A std::ofstream has no fd to fsync, and its flush() only reaches the
// kernel. The note says what to do instead.

#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <unistd.h>

void save(const std::string &tmp, const std::string &dst,
          const std::string &text) {
  std::ofstream out(tmp);
  out << text << "\n";
  out.flush();
  out.close();
  std::rename(tmp.c_str(), dst.c_str());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' is renamed over 'dst' before its data is fsynced; after a crash 'dst' can be empty or torn [durability-rename-without-file-fsync]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: the data is written here
  // CHECK-NOTES: :[[@LINE-7]]:17: note: a std::ofstream cannot be fsynced: write through an fd, or open 'tmp' again and fsync it before the rename
}

// Negative: the path opened again and fsynced before the rename.
bool save_synced(const std::string &tmp, const std::string &dst,
                 const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
    if (!out)
      return false;
  }
  int fd = open(tmp.c_str(), O_RDONLY);
  if (fd < 0)
    return false;
  int rc = fsync(fd);
  close(fd);
  if (rc != 0)
    return false;
  return std::rename(tmp.c_str(), dst.c_str()) == 0;
}
