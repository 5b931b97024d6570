/*
 * map.h: an open-addressing hash map from 64-bit keys to 64-bit values.
 *
 * The one associative container of the engine: exact-copy hashes, LSH band
 * buckets, document frequencies, story postings and id lookups all use it.
 * Linear probing, power-of-two capacity, load kept under 0.7. Keys are
 * arbitrary (0 included: an empty slot is marked separately). Deletion uses
 * backward-shift, so lookups never degrade with tombstones.
 */
#ifndef NG_MAP_H
#define NG_MAP_H

#include "base.h"

typedef struct ngi_map {
	uint64_t *keys;
	uint64_t *vals;
	uint8_t *used;
	size_t cap;   /* slots, a power of two (0 when empty) */
	size_t count;
} ngi_map;

void ngi_map_init(ngi_map *m);
void ngi_map_free(ngi_map *m);
/* Sets key to val. NG_ERR_NOMEM when growth fails (map unchanged). */
ng_status ngi_map_put(ngi_map *m, uint64_t key, uint64_t val);
/* Pointer to the value of key, inserting def first when absent. */
uint64_t *ngi_map_upsert(ngi_map *m, uint64_t key, uint64_t def);
/* Removes key; returns 1 when it was there. */
int ngi_map_del(ngi_map *m, uint64_t key);

/* Mixes a 64-bit value (a finaliser with full avalanche). */
static inline uint64_t ngi_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Pointer to the value of key, or NULL. Valid until the next insert.
 * Inline: the look-ups of the analysis (stopwords, cue words, IDF, claim
 * marks) run millions of times an ingest. */
static inline uint64_t *ngi_map_get(const ngi_map *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = (size_t)ngi_mix64(key) & (m->cap - 1);;
	     i = (i + 1) & (m->cap - 1)) {
		if (!m->used[i])
			return NULL;
		if (m->keys[i] == key)
			return &m->vals[i];
	}
}

#endif
