// RUN: %check_durability %s durability-create-without-dir-fsync %t -- -std=gnu11

// Negative: an open for writing of a device or a kernel file creates
// nothing, whatever its flags: "/dev/tty" opened with fopen "w" (as
// PostgreSQL's simple_prompt does), "/proc/self/oom_score_adj" with
// O_CREAT | O_TRUNC, and "/sys/..." through creat.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int prompt(const char *text) {
  FILE *out = fopen("/dev/tty", "w");
  if (!out)
    return -1;
  fputs(text, out);
  fflush(out);
  fsync(fileno(out));
  return fclose(out);
}

int adjust_oom(const char *value, int len) {
  int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return -1;
  if (write(fd, value, len) != len || fsync(fd) != 0) {
    close(fd);
    return -1;
  }
  return close(fd);
}

int set_governor(const char *value, int len) {
  int fd = creat("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", 0644);
  if (fd < 0)
    return -1;
  write(fd, value, len);
  fsync(fd);
  return close(fd);
}
