#include <stdio.h>

struct atomic_file {
  char *name;
  char *name_new;
  FILE *fp;
};

enum db_flags { DB_MUST_SYNC = 1 << 1 };

void atomic_file_sync(struct atomic_file *file);
void atomic_file_commit(struct atomic_file *file);
void dir_sync_path_parent(const char *path);
