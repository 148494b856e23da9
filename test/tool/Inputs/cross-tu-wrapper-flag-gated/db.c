#include "atomic.h"

// dpkg's writedb(): one bit of the flags gates the data sync and the
// directory sync alike. Without it the caller wants no durability.
void write_db(struct atomic_file *file, const char *filename,
              enum db_flags flags) {
  fputs("Package: x\n", file->fp);
  if (flags & DB_MUST_SYNC)
    atomic_file_sync(file);
  atomic_file_commit(file);
  if (flags & DB_MUST_SYNC)
    dir_sync_path_parent(filename);
}

// The data is always synced, the directory never.
void write_status(struct atomic_file *file) {
  fputs("Status: ok\n", file->fp);
  atomic_file_sync(file);
  atomic_file_commit(file);
}
