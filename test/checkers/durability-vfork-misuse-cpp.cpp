// RUN: %check_durability -allow-remaining-warnings %s durability-vfork-misuse %t -- -std=c++17

// C++: ::vfork in a function, a member function, a lambda and a template
// instance; constructors, new and throw in the child; std::exit gets the
// _exit fix.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace spawn {

// Negative: ::vfork, exec, _exit.
pid_t run(char *const argv[]) {
  pid_t pid = ::vfork();
  if (pid == 0) {
    ::execv(argv[0], argv);
    ::_exit(127);
  }
  return pid;
}

// Positive: a std::string built in the child allocates.
pid_t run_shell(const char *cmd) {
  pid_t pid = ::vfork();
  if (pid == 0) {
    std::string line = std::string("exec ") + cmd;
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: vfork child constructs 'std::string' (aka {{.*}}) before exec or _exit, which is undefined: it runs on the memory and stack of the suspended parent
    execl("/bin/sh", "sh", "-c", line.c_str(), nullptr);
    _exit(127);
  }
  return pid;
}

struct Launcher {
  char **argv;
  int launched = 0;

  // Positive: new in the child.
  pid_t launch() {
    pid_t pid = ::vfork();
    if (pid == 0) {
      int *scratch = new int[4];
      // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: vfork child calls 'operator new[]' before exec or _exit
      execv(argv[0], argv);
      _exit(127);
    }
    return pid;
  }

  // Positive: throw unwinds out of the function.
  pid_t launch_or_throw() {
    pid_t pid = ::vfork();
    if (pid == 0) {
      execv(argv[0], argv);
      throw 1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child throws out of the function that called vfork
    }
    return pid;
  }
};

// Positive: std::exit in an instantiated template, fixed to _exit.
template <typename T> pid_t run_with(T argv) {
  pid_t pid = ::vfork();
  if (pid == 0) {
    execv(argv[0], argv);
    std::exit(127);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: vfork child calls 'exit', which runs the parent's atexit handlers and flushes its stdio buffers; call _exit instead
    // CHECK-FIXES: {{^}}    _exit(127);{{$}}
  }
  return pid;
}

template pid_t run_with<char **>(char **);

struct NoCopy {
  NoCopy() = default;
  NoCopy(const NoCopy &) = delete;
};

// Positive: the child of a vfork in a lambda prints; the enclosing
// function's own code is the parent's.
void in_lambda() {
  auto spawn = [] {
    if (::vfork() == 0) {
      std::puts("child");
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: vfork child calls 'puts' before exec or _exit
      _exit(1);
    }
  };
  spawn();
  std::puts("parent");
}

} // namespace spawn
