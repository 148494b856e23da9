#include "util.h"

int keep_partial(const char *partial, const char *aside) {
  return move_file(partial, aside);
}
