/*
 * cache.h: the server's cache of GET /api/ answers (docs/SERVE.md,
 * "Response cache"), keyed on the path and query, dropped whole when the
 * database changes. The server cannot ask SQLite (all SQL is the
 * library's), so the change signal is the size and modification time of
 * the database file and of its -wal file, read with stat() before each
 * query: an answer is stored under the signal read before it was
 * computed, so it is never served after a later commit. A fixed table with
 * a byte budget; thread-safe.
 */
#ifndef NG_SERVE_CACHE_H
#define NG_SERVE_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ngs_cache ngs_cache;

/* What a lookup remembers for the store that follows a miss. */
typedef struct ngs_cache_ticket {
	uint64_t hash;
	uint64_t signal; /* the database's change signal at lookup */
	int usable;      /* 0: the key was too long to cache */
} ngs_cache_ticket;

/* A cache for the database at db_path; NULL when out of memory. */
ngs_cache *ngs_cache_new(const char *db_path);
void ngs_cache_free(ngs_cache *c);

/* 1 and a malloc'ed copy of the answer (the caller frees it) when key is
 * cached for the database as it is now; 0 otherwise, with *t filled for
 * ngs_cache_put. */
int ngs_cache_get(ngs_cache *c, const char *key, size_t key_len,
		  ngs_cache_ticket *t, char **bytes, size_t *len, int *status);
/* Keeps an answer computed after ngs_cache_get missed with ticket t. */
void ngs_cache_put(ngs_cache *c, const char *key, size_t key_len,
		   const ngs_cache_ticket *t, const char *bytes, size_t len,
		   int status);

#endif
