#include <fcntl.h>

int cache_open(void) { return open("/srv/cache", O_RDWR | O_DIRECT); }

int cache_read(void) { return open("/srv/cache", O_RDONLY); }
