/*
 * map.c: the open-addressing u64 -> u64 hash map described in map.h.
 */
#include "map.h"

#include <stdlib.h>
#include <string.h>

void ngi_map_init(ngi_map *m)
{
	memset(m, 0, sizeof *m);
}

void ngi_map_free(ngi_map *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	memset(m, 0, sizeof *m);
}

static size_t slot_of(const ngi_map *m, uint64_t key)
{
	return (size_t)ngi_mix64(key) & (m->cap - 1);
}

static ng_status grow(ngi_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	ngi_map n = {calloc(cap, 8), calloc(cap, 8), calloc(cap, 1), cap, 0};
	if (!n.keys || !n.vals || !n.used) {
		ngi_map_free(&n);
		return NG_ERR_NOMEM;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->used[i])
			continue;
		size_t j = slot_of(&n, m->keys[i]);
		while (n.used[j])
			j = (j + 1) & (cap - 1);
		n.used[j] = 1;
		n.keys[j] = m->keys[i];
		n.vals[j] = m->vals[i];
		n.count++;
	}
	ngi_map_free(m);
	*m = n;
	return NG_OK;
}

uint64_t *ngi_map_upsert(ngi_map *m, uint64_t key, uint64_t def)
{
	if ((m->count + 1) * 10 > m->cap * 7 && grow(m))
		return NULL;
	size_t i = slot_of(m, key);
	while (m->used[i]) {
		if (m->keys[i] == key)
			return &m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	m->used[i] = 1;
	m->keys[i] = key;
	m->vals[i] = def;
	m->count++;
	return &m->vals[i];
}

ng_status ngi_map_put(ngi_map *m, uint64_t key, uint64_t val)
{
	uint64_t *v = ngi_map_upsert(m, key, val);
	if (!v)
		return NG_ERR_NOMEM;
	*v = val;
	return NG_OK;
}

int ngi_map_del(ngi_map *m, uint64_t key)
{
	if (!m->cap)
		return 0;
	size_t mask = m->cap - 1;
	size_t i = slot_of(m, key);
	while (m->used[i] && m->keys[i] != key)
		i = (i + 1) & mask;
	if (!m->used[i])
		return 0;
	/* Backward-shift: move later members of the probe run into the hole
	 * when their home slot does not lie cyclically within (hole, j]. */
	size_t hole = i;
	for (size_t j = (i + 1) & mask; m->used[j]; j = (j + 1) & mask) {
		size_t home = slot_of(m, m->keys[j]);
		int in_between = hole <= j ? (home > hole && home <= j)
					   : (home > hole || home <= j);
		if (in_between)
			continue;
		m->keys[hole] = m->keys[j];
		m->vals[hole] = m->vals[j];
		hole = j;
	}
	m->used[hole] = 0;
	m->count--;
	return 1;
}
