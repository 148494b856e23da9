// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// A new file's own sync shows the intent only when it comes after the
// creation. dpkg's status update fsyncs and renames the previous
// temporary file, then creates the next one, which the next call fills,
// fsyncs and renames in turn: the fsync before the creation is of another
// file of that name.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static FILE *tmp;

void commit_and_reopen(const char *tmpname, const char *final) {
  if (tmp) {
    fflush(tmp);
    fsync(fileno(tmp));
    fclose(tmp);
    rename(tmpname, final);
  }
  tmp = fopen(tmpname, "w");
}

// Positive: the sync after the creation is of the new file.
int create_synced(const char *name) {
  int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: creation of 'name' is not durable until its parent directory is fsynced; after a crash the file can be missing, fsynced data and all [durability-create-without-dir-fsync]
  // CHECK-FIXES:      {{^}}  int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  {{{$}}
  // CHECK-FIXES-NEXT: {{^}}    char *durcheck_copy = strdup(name);{{$}}
  if (fd < 0)
    return -1;
  fsync(fd);
  return close(fd);
}
