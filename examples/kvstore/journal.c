/* journal.c - append-only change log, replayed on startup.  Appends bypass
 * the page cache; each record fills one aligned, NUL-padded JOURNAL_BLOCK. */
#include "kvstore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int journal_append(const char *key, const char *value)
{
	void *block;
	ssize_t n;
	int fd, rc = -1;

	if (strlen(key) >= KV_MAX_KEY || strlen(value) >= KV_MAX_VALUE) {
		errno = EINVAL;
		return -1;
	}
	if (posix_memalign(&block, JOURNAL_BLOCK, JOURNAL_BLOCK) != 0) {
		errno = ENOMEM;
		return -1;
	}
	memset(block, 0, JOURNAL_BLOCK);
	snprintf(block, JOURNAL_BLOCK, "%s\t%s\n", key, value);

	fd = open(JOURNAL_PATH, O_WRONLY | O_APPEND | O_CREAT | O_DIRECT, 0644);
	if (fd < 0) {
		/* EINVAL here usually means the filesystem lacks O_DIRECT. */
		perror("open " JOURNAL_PATH);
		goto out;
	}
	do
		n = write(fd, block, JOURNAL_BLOCK);
	while (n < 0 && errno == EINTR);
	if (n == JOURNAL_BLOCK && fdatasync(fd) == 0)
		rc = 0;
	else
		perror("append " JOURNAL_PATH);
	close(fd);
out:
	free(block);
	return rc;
}

/* Apply every complete record in the journal to db, oldest first. */
int journal_replay(struct kv *db)
{
	char block[JOURNAL_BLOCK];
	FILE *fp = fopen(JOURNAL_PATH, "r");
	int rc = 0;

	if (!fp)
		return errno == ENOENT ? 0 : -1;
	while (fread(block, 1, sizeof(block), fp) == sizeof(block)) {
		char *tab, *nl;

		block[sizeof(block) - 1] = '\0';
		tab = strchr(block, '\t');
		nl = tab ? strchr(tab, '\n') : NULL;
		if (!nl)
			continue; /* torn or zeroed slot */
		*tab = '\0';
		*nl = '\0';
		if (kv_put(db, block, tab + 1) != 0) {
			rc = -1;
			break;
		}
		db->generation++;
	}
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	return rc;
}
