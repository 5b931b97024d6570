/*
 * anchor_index.h: which earlier articles share verbatim anchors (quotes,
 * sampled 4-grams; src/sketch/anchors.h) with a new one.
 *
 * A fixed-size, 4-way set-associative table: each anchor hashes to a bucket
 * of four slots holding (fingerprint, article); a full bucket drops its
 * oldest article. Memory never grows (NGI_ANCHOR_BUCKETS * 32 bytes), and
 * old articles fade out on their own: with about 40 anchors an article, the
 * table remembers roughly the last 200,000 articles' anchors, a time window
 * in articles rather than days. A lookup costs one cache line per anchor.
 */
#ifndef NG_ANCHOR_INDEX_H
#define NG_ANCHOR_INDEX_H

#include "../base/base.h"

#define NGI_ANCHOR_BUCKETS ((size_t)1 << 21)
#define NGI_ANCHOR_WAYS 4

typedef struct ngi_anchor_index {
	uint64_t *slots; /* fingerprint << 32 | (seq + 1); 0 = empty */
	size_t n_buckets;
} ngi_anchor_index;

typedef struct ngi_anchor_hit {
	uint32_t seq;      /* the earlier article */
	uint16_t shared;   /* anchors in common */
	uint16_t quotes;   /* of which quotations */
} ngi_anchor_hit;

/* n_buckets must be a power of two; 0 = NGI_ANCHOR_BUCKETS. Memory is
 * allocated lazily, on the first add. */
void ngi_anchor_index_init(ngi_anchor_index *ai, size_t n_buckets);
void ngi_anchor_index_free(ngi_anchor_index *ai);
ng_status ngi_anchor_index_add(ngi_anchor_index *ai, const uint64_t *anchors,
			       uint32_t n, uint32_t seq);
/* Earlier articles sharing anchors with these (the first n_quotes are
 * quotations), most shared first, ties newest first; at most max. */
int ngi_anchor_index_query(const ngi_anchor_index *ai, const uint64_t *anchors,
			   uint32_t n, uint32_t n_quotes, ngi_anchor_hit *hits,
			   int max);
size_t ngi_anchor_index_memory(const ngi_anchor_index *ai);

#endif
