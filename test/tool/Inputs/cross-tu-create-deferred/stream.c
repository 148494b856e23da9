#include "archive.h"

int add_member(const struct methods *m, const char *data) {
  if (m->open_for_write() != 0)
    return -1;
  if (m->write(data) != 0)
    return -1;
  return m->close();
}
