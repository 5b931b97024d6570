/*
 * anchor_index.c: the lossy set-associative anchor table (see
 * anchor_index.h).
 */
#include "anchor_index.h"

#include <stdlib.h>
#include <string.h>

#include "../base/map.h"

void ngi_anchor_index_init(ngi_anchor_index *ai, size_t n_buckets)
{
	ai->slots = NULL;
	ai->n_buckets = n_buckets ? n_buckets : NGI_ANCHOR_BUCKETS;
}

void ngi_anchor_index_free(ngi_anchor_index *ai)
{
	free(ai->slots);
	ai->slots = NULL;
}

static uint64_t *bucket_of(const ngi_anchor_index *ai, uint64_t anchor)
{
	size_t b = (size_t)ngi_mix64(anchor) & (ai->n_buckets - 1);
	return ai->slots + b * NGI_ANCHOR_WAYS;
}

static uint32_t fingerprint(uint64_t anchor)
{
	uint32_t f = (uint32_t)(anchor >> 32) ^ (uint32_t)anchor;
	return f ? f : 1;
}

/* The slot a new entry for anchor takes in bucket b: an empty one; else,
 * when the bucket already holds this anchor for other articles (a passage
 * shared by a family of copies), one of those, picked by a hash of the
 * anchor and the entry, so that each of the family's shared anchors keeps a
 * different subset of its articles and a later member still meets most of
 * the others through one anchor or another; else the oldest article. */
static int victim_of(const uint64_t *b, uint64_t anchor)
{
	uint32_t f = fingerprint(anchor);
	int victim = 0, same = -1;
	uint64_t same_rank = 0;
	for (int w = 0; w < NGI_ANCHOR_WAYS; w++) {
		if (b[w] == 0)
			return w;
		if ((uint32_t)(b[w] >> 32) == f) {
			uint64_t rank = ngi_mix64(b[w] ^ anchor);
			if (same < 0 || rank < same_rank) {
				same = w;
				same_rank = rank;
			}
		}
		/* the oldest article (smallest seq) gives way */
		if ((uint32_t)b[w] < (uint32_t)b[victim])
			victim = w;
	}
	return same >= 0 ? same : victim;
}

ng_status ngi_anchor_index_add(ngi_anchor_index *ai, const uint64_t *anchors,
			       uint32_t n, uint32_t seq)
{
	if (!ai->slots) {
		ai->slots = calloc(ai->n_buckets * NGI_ANCHOR_WAYS, sizeof *ai->slots);
		if (!ai->slots)
			return NG_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t *b = bucket_of(ai, anchors[i]);
		uint64_t entry = (uint64_t)fingerprint(anchors[i]) << 32 | (seq + 1u);
		b[victim_of(b, anchors[i])] = entry;
	}
	return NG_OK;
}

static int by_shared_desc(const void *p, const void *q)
{
	const ngi_anchor_hit *x = p, *y = q;
	if (x->shared != y->shared)
		return x->shared < y->shared ? 1 : -1;
	return (x->seq < y->seq) - (x->seq > y->seq);
}

int ngi_anchor_index_query(const ngi_anchor_index *ai, const uint64_t *anchors,
			   uint32_t n, uint32_t n_quotes, ngi_anchor_hit *hits,
			   int max)
{
	if (!ai->slots || max <= 0)
		return 0;
	/* a small linear set: articles sharing anchors are few */
	ngi_anchor_hit found[256];
	int n_found = 0;
	for (uint32_t i = 0; i < n; i++) {
		const uint64_t *b = bucket_of(ai, anchors[i]);
		uint32_t f = fingerprint(anchors[i]);
		for (int w = 0; w < NGI_ANCHOR_WAYS; w++) {
			if (b[w] == 0 || (uint32_t)(b[w] >> 32) != f)
				continue;
			uint32_t seq = (uint32_t)b[w] - 1;
			int k = 0;
			while (k < n_found && found[k].seq != seq)
				k++;
			if (k == n_found) {
				if (n_found == (int)(sizeof found / sizeof found[0]))
					continue;
				found[n_found++] = (ngi_anchor_hit){seq, 0, 0};
			}
			if (found[k].shared < UINT16_MAX)
				found[k].shared++;
			if (i < n_quotes && found[k].quotes < UINT16_MAX)
				found[k].quotes++;
		}
	}
	if (n_found > 1)
		qsort(found, (size_t)n_found, sizeof *found, by_shared_desc);
	int m = n_found < max ? n_found : max;
	memcpy(hits, found, (size_t)m * sizeof *hits);
	return m;
}

size_t ngi_anchor_index_memory(const ngi_anchor_index *ai)
{
	return ai->slots ? ai->n_buckets * NGI_ANCHOR_WAYS * sizeof *ai->slots : 0;
}
