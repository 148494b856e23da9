// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// The same field of the same record type names the same file, whichever
// object it is read through.

#include <fcntl.h>
#include <stdio.h>

struct volume {
  char *path;
  int fd;
};

struct backup_job {
  char *path;
};

int volume_attach(struct volume *v) {
  v->fd = open(v->path, O_RDWR | O_DIRECT);
  return v->fd;
}

// Positive: s->path in another function, through another object.
FILE *volume_backup(const struct volume *src) { return fopen(src->path, "r"); }
// CHECK-MESSAGES: :[[@LINE-1]]:56: warning: 'src->path' is also opened with O_DIRECT; {{.*}}

// Negative: a field of the same name in another record type.
FILE *backup_open(struct backup_job *job) { return fopen(job->path, "r"); }
