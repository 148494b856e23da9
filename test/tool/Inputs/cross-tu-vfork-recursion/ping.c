#include "retry.h"
#include <unistd.h>

/* Tries one way to run the program, then the other. */
void ping(char *const argv[]) {
  execv(argv[0], argv);
  pong(argv);
}
