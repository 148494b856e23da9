// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// An if whose failure branch throws leaves the scope like a return does:
// the fix goes after the if.

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

void commit(const char *tmp, const char *dst) {
  int fd = ::open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::fsync(fd);
  ::close(fd);
  if (std::rename(tmp, dst) != 0)
    throw std::runtime_error("rename failed");
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-MESSAGES: :[[@LINE+5]]:1: note: the function ends here without fsyncing the directory
  // CHECK-FIXES:      {{^}}  if (std::rename(tmp, dst) != 0){{$}}
  // CHECK-FIXES-NEXT: {{^}}    throw std::runtime_error("rename failed");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
}
