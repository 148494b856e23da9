#include "chain.h"

void run_wrapped(char *const argv[]) { exec_or_die(argv); }

void run_logged(char *const argv[]) { exec_logged(argv); }
