/* use.c - compiles only with pch.h included from the command line. */
int save(int fd, const char *tmp, const char *dst) {
  if (fsync(fd) != 0)
    return SAVE_FAILED;
  if (rename(tmp, dst) != 0)
    return SAVE_FAILED;
  return 0;
}
