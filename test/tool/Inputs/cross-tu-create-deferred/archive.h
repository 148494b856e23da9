struct archive {
  int fd;
  char *path;
};

struct methods {
  int (*open_for_write)(void);
  int (*write)(const char *data);
  int (*close)(void);
  int (*finish)(void);
};

extern struct archive *tar;
extern struct archive *spool;
extern const struct methods tar_methods;
extern const struct methods spool_methods;

int make_entry_durable(const char *path);
