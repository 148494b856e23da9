#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* A vfork finding, unless setenv is an allowed child function. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    setenv("MODE", "child", 1);
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}
