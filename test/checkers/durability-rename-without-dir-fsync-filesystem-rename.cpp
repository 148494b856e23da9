// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// std::filesystem::rename, both overloads: the one that throws, and the one
// that reports through a std::error_code, whose `if (ec)` branch is a
// failure path that owes no sync.

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

// The throwing overload: a failure leaves by the exception, a success falls
// through to the end of the function without a directory sync.
void publish(const fs::path &tmp, const fs::path &dst,
             const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
  }
  fs::rename(tmp, dst);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+11]]:1: note: the function ends here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  fs::rename(tmp, dst);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(durcheck_dir.empty() ? "." : durcheck_dir.c_str(), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
}

// The error_code overload, done right: `if (ec)` leaves on the failure, and
// the success path fsyncs the parent directory.
bool publish_checked(const fs::path &tmp, const fs::path &dst,
                     const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
  }
  std::error_code ec;
  fs::rename(tmp, dst, ec);
  if (ec)
    return false;
  // No fix here: the directory sync below is in place.
  // CHECK-FIXES:      {{^}}  fs::rename(tmp, dst, ec);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (ec){{$}}
  int dfd = ::open(dst.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return false;
  ::fsync(dfd);
  ::close(dfd);
  return true;
}

// The error_code overload without a sync: the success path returns with the
// rename still undoable.
// CHECK-FIXES: {{^}}bool publish_unsynced(const fs::path &tmp, const fs::path &dst,{{$}}
bool publish_unsynced(const fs::path &tmp, const fs::path &dst,
                      const std::string &text) {
  {
    std::ofstream out(tmp);
    out << text;
  }
  std::error_code ec;
  fs::rename(tmp, dst, ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+13]]:3: note: the function returns here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  fs::rename(tmp, dst, ec);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
  // CHECK-FIXES-NEXT: {{^}}    int durcheck_dfd = open(durcheck_dir.empty() ? "." : durcheck_dir.c_str(), O_RDONLY | O_DIRECTORY);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    if (durcheck_dfd >= 0) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}      fsync(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}      close(durcheck_dfd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  if (ec)
    return false;
  return true;
}
