// RUN: %check_durability -fix-notes %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=CHAIN %s durability-mixed-direct-buffered-io %t-chain -- -std=gnu11 -D_GNU_SOURCE

// A wrapper that opens a field of its parameter with the flags its caller
// passes, as fio's file_lookup_open(f, flags) does. The field names one
// file whichever object it is reached from; each call decides the mode,
// and the messages name the field as the caller reaches it.

#include <fcntl.h>

struct fio_file {
  char *file_name;
  int fd;
};

struct other_file {
  char *file_name;
};

static int file_lookup_open(struct fio_file *f, int flags) {
  f->fd = open(f->file_name, flags);
  return f->fd;
}

int generic_open_file(struct fio_file *gf) {
  return file_lookup_open(gf, O_RDWR | O_DIRECT);
}

// Positive: the same field, opened through the page cache.
int verify_file(struct fio_file *vf) { return file_lookup_open(vf, O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'vf->file_name' is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int verify_file(struct fio_file *vf) { return file_lookup_open(vf, O_RDONLY | O_DIRECT); }
// CHECK-NOTES-CHAIN: :[[@LINE-3]]:47: warning: 'vf->file_name' is also opened with O_DIRECT; {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-13]]:11: note: 'file_lookup_open' opens 'f->file_name' through the page cache here
// CHECK-NOTES-CHAIN: :[[@LINE-9]]:10: note: 'gf->file_name' is opened with O_DIRECT here; add O_DIRECT to the buffered open {{.*}}
// CHECK-NOTES-CHAIN: :[[@LINE-15]]:11: note: 'file_lookup_open' opens 'f->file_name' with O_DIRECT here

// Negative: a field of the same name in another record type.
int other_open(struct other_file *o) { return open(o->file_name, O_RDONLY); }
