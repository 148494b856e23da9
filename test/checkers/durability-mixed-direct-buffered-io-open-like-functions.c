// RUN: %check_durability -fix-notes -check-option='OpenLikeFunctions=os_file_create,1,2;::db_open,0,1' %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE
// RUN: %check_durability -check-suffix=DEFAULT %s durability-mixed-direct-buffered-io %t-default -- -std=gnu11 -D_GNU_SOURCE

// OpenLikeFunctions names a project's own open wrappers, with the positions
// of their path and O_* flags arguments counted from 0. Their calls are
// opens like any other, fix-it included.

#include <fcntl.h>

int os_file_create(const char *tag, const char *path, int flags);
int db_open(const char *path, int flags);

int table_open(void) {
  return os_file_create("table", "/srv/t.ibd", O_RDWR | O_DIRECT);
}

int table_scan(void) { return db_open("/srv/t.ibd", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: "/srv/t.ibd" is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int table_scan(void) { return db_open("/srv/t.ibd", O_RDONLY | O_DIRECT); }

int table_backup(void) { return open("/srv/t.ibd", O_RDONLY); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: "/srv/t.ibd" is also opened with O_DIRECT; {{.*}}
// CHECK-FIXES: int table_backup(void) { return open("/srv/t.ibd", O_RDONLY | O_DIRECT); }

// Without the option the wrappers are unknown calls, and the only open of
// the file is buffered: nothing to report.
