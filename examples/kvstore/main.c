/* main.c - kvstore put KEY VALUE | get KEY | save
 *
 * After a successful save, KV_GZIP_SNAPSHOT (if set) keeps a compressed copy
 * of the snapshot and KV_POST_SAVE_HOOK (if set) is run through /bin/sh. */
#include "kvstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void log_line(const char *what, const char *arg)
{
	FILE *fp = fopen(KV_LOG_PATH, "a");

	if (!fp)
		return;
	fprintf(fp, "%ld %s %s\n", (long)time(NULL), what, arg);
	fclose(fp);
}

static int cmd_save(struct kv *db)
{
	const char *hook = getenv("KV_POST_SAVE_HOOK");

	if (kv_save(db, KV_DB_PATH) != 0 ||
	    kv_save_manifest(db, KV_MANIFEST_PATH) != 0) {
		perror("kvstore: save");
		return 1;
	}
	if (snapshot_write(db, KV_SNAPSHOT_PATH) != 0)
		return 1;
	/* Each saved generation starts a fresh activity log. */
	log_rotate(KV_LOG_PATH);
	log_line("save", KV_DB_PATH);
	if (getenv("KV_GZIP_SNAPSHOT")) {
		char *gz[] = { "gzip", "-kf", KV_SNAPSHOT_PATH, NULL };
		if (spawn_plain("/bin/gzip", gz) != 0)
			fprintf(stderr, "kvstore: gzip failed\n");
	}
	if (hook && *hook && hook_run(hook, "save") != 0)
		fprintf(stderr, "kvstore: post-save hook failed\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct kv db = { 0 };
	const char *v;
	int rc = 2;

	if (kv_load(&db, KV_DB_PATH) != 0 || journal_replay(&db) != 0) {
		perror("kvstore: load");
		return 1;
	}

	if (argc == 4 && strcmp(argv[1], "put") == 0) {
		rc = journal_append(argv[2], argv[3]) == 0 ? 0 : 1;
		if (rc == 0)
			log_line("put", argv[2]);
	} else if (argc == 3 && strcmp(argv[1], "get") == 0) {
		if ((v = kv_get(&db, argv[2])))
			puts(v);
		rc = v ? 0 : 1;
	} else if (argc == 2 && strcmp(argv[1], "save") == 0) {
		rc = cmd_save(&db);
	} else {
		fprintf(stderr, "usage: kvstore put KEY VALUE | get KEY | save\n");
	}
	kv_free(&db);
	return rc;
}
