/*
 * cache.c: the answer cache (cache.h): a direct-mapped table of NSLOTS
 * entries under one lock, each holding its key, bytes and status; the
 * whole table is dropped when the database's change signal moves. Entries
 * past MAX_ENTRY bytes are not kept, and the table's bytes stay under
 * BUDGET (an entry that would pass it is not kept).
 */
#include "cache.h"

#include "../base/base.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { NSLOTS = 4096, MAX_KEY = 2048 };
#define MAX_ENTRY ((size_t)1 << 20)
#define BUDGET ((size_t)64 << 20)

typedef struct entry {
	char *key;
	size_t key_len;
	char *bytes;
	size_t len;
	int status;
	uint64_t hash;
} entry;

struct ngs_cache {
	pthread_mutex_t lock;
	char *db, *wal;
	uint64_t signal; /* of the entries held */
	size_t bytes;
	entry slots[NSLOTS];
};

ngs_cache *ngs_cache_new(const char *db_path)
{
	ngs_cache *c = calloc(1, sizeof *c);
	size_t n = strlen(db_path);
	if (!c || !(c->db = strdup(db_path)) || !(c->wal = malloc(n + 5))) {
		if (c)
			free(c->db);
		free(c);
		return NULL;
	}
	memcpy(c->wal, db_path, n);
	memcpy(c->wal + n, "-wal", 5);
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

static void drop_all(ngs_cache *c)
{
	for (size_t i = 0; i < NSLOTS; i++) {
		free(c->slots[i].key);
		free(c->slots[i].bytes);
		memset(&c->slots[i], 0, sizeof c->slots[i]);
	}
	c->bytes = 0;
}

void ngs_cache_free(ngs_cache *c)
{
	if (!c)
		return;
	drop_all(c);
	pthread_mutex_destroy(&c->lock);
	free(c->db);
	free(c->wal);
	free(c);
}

/* Size and modification time of the file and its WAL, hashed. */
static uint64_t change_signal(const ngs_cache *c)
{
	struct stat sb;
	long long v[6] = {0};
	if (stat(c->db, &sb) == 0) {
		v[0] = (long long)sb.st_size;
		v[1] = (long long)sb.st_mtim.tv_sec;
		v[2] = (long long)sb.st_mtim.tv_nsec;
	}
	if (stat(c->wal, &sb) == 0) {
		v[3] = (long long)sb.st_size;
		v[4] = (long long)sb.st_mtim.tv_sec;
		v[5] = (long long)sb.st_mtim.tv_nsec;
	}
	return ngi_hash(v, sizeof v, 0xcac4e);
}

int ngs_cache_get(ngs_cache *c, const char *key, size_t key_len,
		  ngs_cache_ticket *t, char **bytes, size_t *len, int *status)
{
	t->usable = key_len <= MAX_KEY;
	t->hash = ngi_hash(key, key_len, 0);
	t->signal = change_signal(c);
	if (!t->usable)
		return 0;
	int hit = 0;
	pthread_mutex_lock(&c->lock);
	if (c->signal != t->signal) {
		drop_all(c);
		c->signal = t->signal;
	}
	entry *e = &c->slots[t->hash & (NSLOTS - 1)];
	if (e->key && e->hash == t->hash && e->key_len == key_len &&
	    !memcmp(e->key, key, key_len) && (*bytes = malloc(e->len + 1))) {
		memcpy(*bytes, e->bytes, e->len);
		*len = e->len;
		*status = e->status;
		hit = 1;
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void ngs_cache_put(ngs_cache *c, const char *key, size_t key_len,
		   const ngs_cache_ticket *t, const char *bytes, size_t len,
		   int status)
{
	if (!t->usable || len > MAX_ENTRY || !bytes)
		return;
	pthread_mutex_lock(&c->lock);
	entry *e = &c->slots[t->hash & (NSLOTS - 1)];
	/* an answer computed before the signal moved is not kept */
	if (c->signal == t->signal && c->bytes - e->len + len <= BUDGET) {
		char *k = malloc(key_len), *b = malloc(len ? len : 1);
		if (k && b) {
			c->bytes -= e->len;
			free(e->key);
			free(e->bytes);
			memcpy(k, key, key_len);
			memcpy(b, bytes, len);
			*e = (entry){k, key_len, b, len, status, t->hash};
			c->bytes += len;
		} else {
			free(k);
			free(b);
		}
	}
	pthread_mutex_unlock(&c->lock);
}
