/*
 * ids.c: which article ids the store holds, and with what content.
 *
 * Ingest is idempotent: a record whose id and content (title and text,
 * record_hash) are already stored is left unchanged. A record that comes
 * with a taken id but other content is stored under the first free variant
 * "ID~2", "ID~3", ...; so a record matches when its content is stored under
 * its id or under any of those variants, and running the same file again
 * stores nothing new. engine.c fills this memory when it opens a store,
 * ingest.c consults and extends it; it calls neither. The memory is an
 * ngi_ids of its own, so that the copy stage of the distributed ingest
 * (copy_stage.c) can take the same decisions apart from the engine.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest id kept whole in a variant ("ID~N"); longer ids are cut. */
#define NGI_VARIANT_ID_MAX 1000

void ngi_ids_init(ngi_ids *e)
{
	memset(e, 0, sizeof *e);
	ngi_map_init(&e->ids);
	ngi_map_init(&e->variant_from);
	ngi_map_init(&e->variant_content);
}

void ngi_ids_free(ngi_ids *e)
{
	ngi_map_free(&e->ids);
	ngi_map_free(&e->variant_from);
	ngi_map_free(&e->variant_content);
	free(e->record_hash);
	memset(e, 0, sizeof *e);
}

static const uint64_t *seq_of(const ngi_ids *e, const char *id)
{
	return ngi_map_get(&e->ids, ngi_hash(id, strlen(id), 0));
}

ng_status ngi_ids_remember(ngi_ids *e, const char *id, uint64_t record_hash)
{
	if (ngi_grow((void **)&e->record_hash, &e->cap, e->n + 1,
		     sizeof *e->record_hash))
		return NG_ERR_NOMEM;
	if (ngi_map_put(&e->ids, ngi_hash(id, strlen(id), 0), e->n + 1))
		return NG_ERR_NOMEM;
	e->record_hash[e->n++] = record_hash;
	return NG_OK;
}

ng_status ngi_ids_place(ngi_ids *e, const char *id, uint64_t record_hash,
			ngi_arena *a, const char **id_out)
{
	const uint64_t *seen = seq_of(e, id);
	if (!seen) {
		*id_out = id;
		return NG_OK;
	}
	if (e->record_hash[*seen - 1] == record_hash) {
		*id_out = NULL;
		return NG_OK;
	}
	/* The variants below variant_from are all taken (nothing is ever
	 * removed) and their contents are in variant_content, so each record
	 * looks at the variants taken since the last one of its id: a run of
	 * records sharing one id costs its length, not its square (issue 15;
	 * 20,000 of them took 26 s). */
	uint64_t key = ngi_hash(id, strlen(id), 0);
	uint64_t content = key ^ (record_hash * 0x9e3779b97f4a7c15ULL);
	uint64_t *from = ngi_map_get(&e->variant_from, key);
	long n = from ? (long)*from : 2;
	int stored = from && ngi_map_get(&e->variant_content, content);
	char buf[NGI_VARIANT_ID_MAX + 32];
	for (;; n++) {
		snprintf(buf, sizeof buf, "%.*s~%ld", NGI_VARIANT_ID_MAX, id, n);
		seen = seq_of(e, buf);
		if (!seen)
			break;
		uint64_t h = e->record_hash[*seen - 1];
		stored |= h == record_hash;
		if (ngi_map_put(&e->variant_content,
				key ^ (h * 0x9e3779b97f4a7c15ULL), 1))
			return NG_ERR_NOMEM;
	}
	if (ngi_map_put(&e->variant_from, key, (uint64_t)n))
		return NG_ERR_NOMEM;
	if (stored) {
		*id_out = NULL;
		return NG_OK;
	}
	char *free_id = ngi_arena_strdup(a, buf);
	if (!free_id)
		return NG_ERR_NOMEM;
	*id_out = free_id;
	return NG_OK;
}
