#include "atomic.h"
#include <stdlib.h>
#include <unistd.h>

// The fd is fileno()'s: no value names it, so the unit's file leaves it out.
void atomic_file_sync(struct atomic_file *file) {
  if (fflush(file->fp) || fsync(fileno(file->fp)))
    abort();
}

void atomic_file_commit(struct atomic_file *file) {
  if (rename(file->name_new, file->name))
    abort();
}
