#ifndef STORE_H
#define STORE_H

#define STORE_MODE 0644

int save(int fd, const char *tmp, const char *dst);

#endif
