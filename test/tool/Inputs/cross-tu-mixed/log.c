#include "paths.h"

const char *log_path = "/var/log/store.log";
