// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// std::rename over a file just written with std::ofstream. In C++17 the fix
// finds the directory with std::filesystem::path::parent_path().

#include <cstdio>
#include <fstream>
#include <string>
// The fix adds the headers it needs.
// CHECK-FIXES: {{^}}#include <fcntl.h>{{$}}
// CHECK-FIXES: {{^}}#include <unistd.h>{{$}}
// CHECK-FIXES: {{^}}#include <cstdio>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <filesystem>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <fstream>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <string>{{$}}

bool save_text(const char *tmp, const char *dst, const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
    if (!out)
      return false;
  }
  std::rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  std::rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(durcheck_dir.empty() ? "." : durcheck_dir.c_str(), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  return true;
}

// The usual spelling with std::string paths: the destination is passed as
// dst.c_str(), which has no side effects worth guarding against, so the
// same fix applies.
bool save_string(const std::string &tmp, const std::string &dst,
                 const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
    if (!out)
      return false;
  }
  std::rename(tmp.c_str(), dst.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst.c_str()' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+11]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  std::rename(tmp.c_str(), dst.c_str());{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst{{(\.c_str\(\))?}}).parent_path();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(durcheck_dir.empty() ? "." : durcheck_dir.c_str(), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  return true;
}
