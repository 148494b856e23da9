#include "util.h"
#include <stdio.h>

int move_file(const char *from, const char *to) { return rename(from, to); }
