// RUN: %check_durability %s durability-unchecked-fsync %t -- -std=c++17

// C++: ::fsync, a lambda analysed as a function of its own, an instantiated
// template, and a method of the same name that is no sync.

#include <unistd.h>

namespace db {
struct File {
  int fd;
  int fsync() { return ::fsync(fd); }
};
} // namespace db

void lambda(int fd) {
  auto flush = [fd] {
    ::fsync(fd);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'fsync' is ignored; {{.*}} [durability-unchecked-fsync]
  };
  flush();
}

template <typename T> void flush_all(T &files) {
  for (auto &f : files)
    fdatasync(f.fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'fdatasync' is ignored; {{.*}} [durability-unchecked-fsync]
}

void use(db::File (&files)[2]) {
  flush_all(files);
  files[0].fsync();
}

// Negative: an uninstantiated template, and a C++17 if with an initialiser.
template <typename T> void never_used(T fd) { fsync(fd); }

int init_statement(int fd) {
  if (int rc = fsync(fd); rc != 0)
    return rc;
  return 0;
}
