// RUN: %check_durability %s durability-mixed-direct-buffered-io %t -- -std=gnu11 -D_GNU_SOURCE

// A journal written with O_DIRECT and read back through the page cache by a
// second function: the reader can be served pages cached before the direct
// write reached the disk.

#include <fcntl.h>
#include <unistd.h>

int journal_append(const void *block, size_t len, off_t off) {
  int fd = open("/var/lib/kv/journal", O_WRONLY | O_CREAT | O_DIRECT, 0644);
  if (fd < 0)
    return -1;
  ssize_t n = pwrite(fd, block, len, off);
  close(fd);
  return n < 0 ? -1 : 0;
}

// Positive: the same literal path, opened without O_DIRECT.
ssize_t journal_read(void *buf, size_t len, off_t off) {
  int fd = open("/var/lib/kv/journal", O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: "/var/lib/kv/journal" is also opened with O_DIRECT; mixing buffered and direct I/O on one file lets reads return stale data [durability-mixed-direct-buffered-io]
  // CHECK-NOTES: :[[@LINE-12]]:12: note: "/var/lib/kv/journal" is opened with O_DIRECT here; add O_DIRECT to the buffered open and align its buffers and offsets, or drop O_DIRECT
  if (fd < 0)
    return -1;
  ssize_t n = pread(fd, buf, len, off);
  close(fd);
  return n;
}

// Negative: an unrelated file opened through the page cache.
int config_open(void) { return open("/etc/kv.conf", O_RDONLY); }

// Negative: a deliberate buffered reader, silenced with NOLINT.
int journal_checksum_open(void) {
  return open("/var/lib/kv/journal", O_RDONLY); // NOLINT(durability-mixed-direct-buffered-io)
}
