// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// An std::ofstream writes its file whatever openmode it is given, so a
// binary or appending ofstream of the source shows the atomic-replace intent.

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

void save_blob(const std::string &tmp, const std::string &dst,
               const std::string &blob) {
  std::ofstream out(tmp, std::ios::binary);
  out << blob;
  out.close();
  std::rename(tmp.c_str(), dst.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst.c_str()' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+4]]:1: note: the function ends here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  std::rename(tmp.c_str(), dst.c_str());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst.c_str()).parent_path();{{$}}
}

// An ifstream only reads: renaming the file it read shows no intent.
void archive(const std::string &path, const std::string &old) {
  std::ifstream in(path, std::ios::binary);
  std::string first;
  in >> first;
  in.close();
  std::rename(path.c_str(), old.c_str());
}
