// RUN: %check_durability %s durability-rename-without-dir-fsync %t -- -std=c++17

// A std::function member, and a lambda in a variable: a call through them
// takes the summary of the lambda stored where the assignment is visible.

#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

struct Store {
  std::function<int(const char *, const char *)> move_into_place;
  std::function<int(const char *, const char *)> unknown;

  Store()
      : move_into_place([](const char *from, const char *to) {
          return std::rename(from, to);
        }) {}

  int save(int fd, const char *tmp, const char *dst) {
    if (fsync(fd) != 0)
      return -1;
    if (move_into_place(tmp, dst) != 0)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: rename to 'dst' by 'move_into_place' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
    // CHECK-FIXES:      {{^}}      std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
    // CHECK-MESSAGES: :[[@LINE+2]]:5: note: the function returns here without fsyncing the directory
    // CHECK-MESSAGES: :17:18: note: the lambda renames 'from' to 'to' here
    return 0;
  }

  // Negative: nothing visible is stored in this one.
  int save_unknown(int fd, const char *tmp, const char *dst) {
    if (fsync(fd) != 0)
      return -1;
    return unknown(tmp, dst);
  }
};

int save_local(int fd, const char *tmp, const char *dst) {
  auto move = [](const char *from, const char *to) {
    return std::rename(from, to);
  };
  if (fsync(fd) != 0)
    return -1;
  if (move(tmp, dst) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: rename to 'dst' by 'move' is not durable until its parent directory is fsynced; a crash can undo it [durability-rename-without-dir-fsync]
  // CHECK-FIXES:      {{^}}    std::filesystem::path durcheck_dir = std::filesystem::path(dst).parent_path();{{$}}
  // CHECK-MESSAGES: :[[@LINE+2]]:3: note: the function returns here without fsyncing the directory
  // CHECK-MESSAGES: :42:12: note: the lambda renames 'from' to 'to' here
  return 0;
}
