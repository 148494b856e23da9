/* snapshot.c - human-readable point-in-time dumps, and log housekeeping. */
#include "kvstore.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int snapshot_write(const struct kv *db, const char *final)
{
	char tmp[4096];
	FILE *fp;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", final) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fp = fopen(tmp, "w");
	if (!fp) {
		perror(tmp);
		return -1;
	}
	fprintf(fp, "# kvstore snapshot, generation %lu, taken %ld\n",
		db->generation, (long)time(NULL));
	for (size_t i = 0; i < db->len; i++)
		fprintf(fp, "%s = %s\n", db->entries[i].key, db->entries[i].value);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		perror(tmp);
		fclose(fp);
		unlink(tmp);
		return -1;
	}
	fclose(fp);
	if (rename(tmp, final) != 0) {
		perror("rename");
		return -1;
	}
	return 0;
}

/* Keep one previous log around; a missing log is not an error. */
int log_rotate(const char *log)
{
	char old[4096];

	if (snprintf(old, sizeof(old), "%s.1", log) >= (int)sizeof(old)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (rename(log, old) != 0 && errno != ENOENT) {
		perror("rename");
		return -1;
	}
	return 0;
}
