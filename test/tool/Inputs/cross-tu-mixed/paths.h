#define DATA_PATH "/var/lib/store/data"
#define INDEX_PATH "/var/lib/store/index"
extern const char *log_path;
