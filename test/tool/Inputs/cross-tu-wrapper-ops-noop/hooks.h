struct hooks {
  void (*after)(const char *path);
  void (*report)(const char *path);
};

void skip_sync(const char *path);
void sync_parent(const char *path);
extern const struct hooks fast_hooks, durable_hooks;
int publish(const struct hooks *h, int fd, const char *tmp, const char *dst);
int publish_reported(const struct hooks *h, int fd, const char *tmp,
                     const char *dst);
