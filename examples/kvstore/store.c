/* store.c - in-memory table and its on-disk image. */
#include "kvstore.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void kv_free(struct kv *db)
{
	for (size_t i = 0; i < db->len; i++) {
		free(db->entries[i].key);
		free(db->entries[i].value);
	}
	free(db->entries);
	memset(db, 0, sizeof(*db));
}

static struct kv_entry *kv_find(const struct kv *db, const char *key)
{
	for (size_t i = 0; i < db->len; i++)
		if (strcmp(db->entries[i].key, key) == 0)
			return &db->entries[i];
	return NULL;
}

int kv_put(struct kv *db, const char *key, const char *value)
{
	struct kv_entry *e = kv_find(db, key);
	char *v = strdup(value);

	if (!v)
		return -1;
	if (!e) {
		if (db->len == db->cap) {
			size_t cap = db->cap ? db->cap * 2 : 16;
			e = realloc(db->entries, cap * sizeof(*e));
			if (!e)
				goto fail;
			db->entries = e;
			db->cap = cap;
		}
		e = &db->entries[db->len];
		if (!(e->key = strdup(key)))
			goto fail;
		e->value = NULL;
		db->len++;
	}
	free(e->value);
	e->value = v;
	return 0;
fail:
	free(v);
	return -1;
}

const char *kv_get(const struct kv *db, const char *key)
{
	const struct kv_entry *e = kv_find(db, key);
	return e ? e->value : NULL;
}

/* The image is one "key\tvalue\n" line per entry. */
int kv_load(struct kv *db, const char *path)
{
	char line[KV_LINE_MAX];
	FILE *fp = fopen(path, "r");

	if (!fp)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), fp)) {
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		tab[1 + strcspn(tab + 1, "\n")] = '\0';
		if (kv_put(db, line, tab + 1) != 0) {
			fclose(fp);
			return -1;
		}
	}
	fclose(fp);
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0) {
			buf += n;
			len -= (size_t)n;
		}
	}
	return 0;
}

static int write_entries(int fd, const struct kv *db)
{
	char line[KV_LINE_MAX + 1];

	for (size_t i = 0; i < db->len; i++) {
		int n = snprintf(line, sizeof(line), "%s\t%s\n",
				 db->entries[i].key, db->entries[i].value);
		if (n < 0 || (size_t)n >= sizeof(line)) {
			errno = EOVERFLOW;
			return -1;
		}
		if (write_all(fd, line, (size_t)n) != 0)
			return -1;
	}
	return 0;
}

/* Replace the image at path atomically: write a sibling, then rename it. */
int kv_save(const struct kv *db, const char *path)
{
	char tmp[4096];
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (write_entries(fd, db) != 0 || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* The manifest records the generation and the key count of the last save. */
int kv_save_manifest(const struct kv *db, const char *path)
{
	char tmp[4096], dir[4096];
	int fd, dfd, rc;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (dprintf(fd, "generation %lu\nkeys %zu\n", db->generation,
		    db->len) < 0 || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}

	/* Make the new directory entry itself durable. */
	snprintf(dir, sizeof(dir), "%s", path);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return -1;
	rc = fsync(dfd);
	close(dfd);
	return rc == 0 ? 0 : -1;
}
