/* kvstore.h - a tiny single-process key-value store. */
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stddef.h>

#define KV_DB_PATH       "kv.db"
#define KV_MANIFEST_PATH "kv.manifest"
#define KV_SNAPSHOT_PATH "kv.snapshot"
#define KV_LOG_PATH      "kvstore.log"
#define JOURNAL_PATH     "kv.journal"

/* Journal records are written with O_DIRECT, one record per block. */
#define JOURNAL_BLOCK    4096

#define KV_MAX_KEY       256
#define KV_MAX_VALUE     2048
#define KV_LINE_MAX      (KV_MAX_KEY + KV_MAX_VALUE + 2)

struct kv_entry {
	char *key, *value;
};

struct kv {
	struct kv_entry *entries;
	size_t len, cap;
	unsigned long generation;
};

void kv_free(struct kv *db);
int kv_put(struct kv *db, const char *key, const char *value);
const char *kv_get(const struct kv *db, const char *key);
int kv_load(struct kv *db, const char *path);
int kv_save(const struct kv *db, const char *path);
int kv_save_manifest(const struct kv *db, const char *path);

int snapshot_write(const struct kv *db, const char *final);
int log_rotate(const char *log);

int journal_append(const char *key, const char *value);
int journal_replay(struct kv *db);

int hook_run(const char *cmd, const char *event);
int spawn_plain(const char *path, char *const argv[]);

#endif /* KVSTORE_H */
