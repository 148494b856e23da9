#include <fcntl.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DATA_PATH "/var/lib/store/data"

/* An ops table: vfs.c stores into its slots, save.c calls through them. */
struct vfs_ops {
  int (*rename)(const char *from, const char *to);
  int (*persist)(const char *path);
};
extern const struct vfs_ops posix_ops;

int persist_name(const char *path);
int persist_fd(int fd);
int move_file(const char *from, const char *to);
int create_file(const char *path);
int open_direct(const char *path);
void run_child(char *const argv[]);
void ping(char *const argv[]);
void pong(char *const argv[]);

#ifdef __cplusplus
}
#endif

/* Defined here, in every unit that includes it: fsyncs the directory that
   holds path, a scratch copy it cuts. */
static inline int record_entry(char *path) {
  char *slash = path;
  for (char *p = path; *p; ++p)
    if (*p == '/')
      slash = p;
  *slash = '\0';
  int dfd = open(path, O_RDONLY | O_DIRECTORY);
  if (dfd < 0)
    return -1;
  int rc = fsync(dfd);
  close(dfd);
  return rc;
}
