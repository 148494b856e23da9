/* Each function renames or vforks once; the comments decide what is reported. */
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

/* Suppressed: a bare nolint. */
int bare(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst); // NOLINT
}

/* Suppressed: nolint naming the check. */
int named(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst); // NOLINT(durability-rename-without-dir-fsync)
}

/* Suppressed: nolint with a glob. */
int glob(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst); // NOLINT(durability-*)
}

/* Suppressed: nolintnextline on the line before. */
int next_line(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  // NOLINTNEXTLINE(durability-rename-without-dir-fsync)
  return rename(tmp, dst);
}

/* Suppressed: both functions lie inside nolintbegin/nolintend. */
// NOLINTBEGIN(durability-rename-without-dir-fsync)
int block_one(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst);
}

int block_two(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst);
}
// NOLINTEND(durability-rename-without-dir-fsync)

/* Reported: the nolint names another check. */
int other_check(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  return rename(tmp, dst); // NOLINT(durability-vfork-misuse)
}

/* Reported: the nolintnextline names another check. */
int other_next(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0) return -1;
  // NOLINTNEXTLINE(bugprone-unused-return-value)
  return rename(tmp, dst);
}

/* Reported: the nolint is on another line than the rename. */
int wrong_line(int fd, const char *tmp, const char *dst) {
  fsync(fd); // NOLINT
  return rename(tmp, dst);
}

/* Suppressed: nolint naming the vfork check. */
pid_t spawn(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    chdir("/"); // NOLINT(durability-vfork-misuse)
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}

/* Reported: the nolint names the rename check. */
pid_t spawn_other(char *const argv[]) {
  pid_t pid = vfork();
  if (pid == 0) {
    chdir("/"); // NOLINT(durability-rename-without-dir-fsync)
    execv(argv[0], argv);
    _exit(127);
  }
  return pid;
}
