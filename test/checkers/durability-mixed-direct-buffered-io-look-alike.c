// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// Negative: paths that only look alike are different paths to the check.

#include <fcntl.h>
#include <stdio.h>

struct disk {
  const char *path;
};
struct report {
  const char *path;
};

// A literal and another spelling of the same file: the check compares
// spellings, not resolved paths.
int data_direct(void) { return open("data.db", O_RDWR | O_DIRECT); }
int data_dotted(void) { return open("./data.db", O_RDONLY); }

// Two locals of the same name in two functions.
int tmp_direct(void) {
  const char *name = "a.tmp";
  return open(name, O_RDWR | O_DIRECT);
}
int tmp_plain(void) {
  const char *name = "b.tmp";
  return open(name, O_RDONLY);
}

// Fields of the same name in two record types.
int disk_open(struct disk *d) { return open(d->path, O_RDWR | O_DIRECT); }
FILE *report_open(struct report *r) { return fopen(r->path, "r"); }

// A static global and a parameter that shadows it.
static const char *journal;
int journal_open(void) { return open(journal, O_RDWR | O_DIRECT); }
int journal_other(const char *journal) { return open(journal, O_RDONLY); }
