/*
 * copy_index.c: finds the earlier articles a new one copies.
 *
 * Exact copies share the content hash (normalised words); the index keeps
 * the first article of each hash, so a thousand identical texts make a star
 * of edges to one original, not a clique. Near copies share at least one LSH
 * band of their MinHash signatures; each candidate is verified by the full
 * signature (Jaccard estimate >= near_threshold). Bucket chains are walked
 * newest first and only NGX_BUCKET_SCAN deep, so time per article stays
 * bounded however many similar texts arrive. Rewrites and partial reuse
 * (reuse.c) start from the anchor index kept here too.
 */
#include "link_internal.h"

#include <stdlib.h>
#include <string.h>

#define NGX_BUCKET_SCAN 64

void ngx_copy_index_init(ngx_copy_index *ci)
{
	memset(ci, 0, sizeof *ci);
	ngx_map_init(&ci->exact);
	ngx_map_init(&ci->buckets);
	ngx_anchor_index_init(&ci->anchors, 0);
	ngx_arena_init(&ci->scratch, 64 << 10);
}

void ngx_copy_index_free(ngx_copy_index *ci)
{
	ngx_map_free(&ci->exact);
	ngx_map_free(&ci->buckets);
	ngx_anchor_index_free(&ci->anchors);
	ngx_arena_free(&ci->scratch);
	free(ci->node_seq);
	free(ci->node_next);
	free(ci->sigs);
	free(ci->days);
	free(ci->times);
	free(ci->root);
	free(ci->has_sig);
	memset(ci, 0, sizeof *ci);
}

/* Direction: earlier publication wins, to the second when both times are
 * known, else by day; unknown or equal dates fall back to arrival order. */
ngx_copy_edge ngx_copy_edge_make(const ngx_copy_index *ci, uint32_t seq,
				const ngx_link_article *a, uint32_t other,
				int kind, double score)
{
	ngx_copy_edge e = {.copy = seq, .original = other, .kind = (uint8_t)kind,
			   .why = NGX_WHY_EARLIER_INGESTED, .score = (float)score};
	int earlier = 0; /* 1: the new article is the earlier one, -1: the other */
	int64_t other_time = ci->times[other];
	int32_t other_day = ci->days[other];
	if (a->time != NGX_TIME_UNKNOWN && other_time != NGX_TIME_UNKNOWN &&
	    a->time != other_time)
		earlier = a->time < other_time ? 1 : -1;
	else if (a->day != NGX_DAY_UNKNOWN && other_day != NGX_DAY_UNKNOWN &&
		 a->day != other_day)
		earlier = a->day < other_day ? 1 : -1;
	if (earlier) {
		e.why = NGX_WHY_EARLIER_PUBLISHED;
		if (earlier > 0) {
			e.copy = other;
			e.original = seq;
		}
	}
	return e;
}

int ngx_copy_edge_has(const ngx_copy_edge *edges, int n, uint32_t seq,
		      uint32_t other)
{
	for (int i = 0; i < n; i++)
		if ((edges[i].copy == other && edges[i].original == seq) ||
		    (edges[i].original == other && edges[i].copy == seq))
			return 1;
	return 0;
}

int ngx_copy_index_find(const ngx_copy_index *ci, const ngx_link_article *a,
			uint32_t seq, double near_threshold,
			ngx_copy_edge *edges, int max_edges)
{
	int n = 0;
	uint64_t exact_of = UINT64_MAX;
	if (a->content_hash) {
		const uint64_t *v = ngx_map_get(&ci->exact, a->content_hash);
		if (v && n < max_edges) {
			exact_of = *v;
			edges[n++] = ngx_copy_edge_make(ci, seq, a, (uint32_t)*v,
					       NGX_COPY_EXACT, 1.0);
		}
	}
	if (!a->minhash || exact_of != UINT64_MAX)
		return n; /* an exact copy's near copies are the original's */
	for (int b = 0; b < NGX_LSH_BANDS && n < max_edges; b++) {
		const uint64_t *head =
			ngx_map_get(&ci->buckets, ngx_lsh_band_key(a->minhash, b));
		int scanned = 0;
		for (uint64_t node = head ? *head : 0;
		     node && scanned < NGX_BUCKET_SCAN && n < max_edges;
		     node = ci->node_next[node - 1], scanned++) {
			uint32_t other = ci->node_seq[node - 1];
			if (ngx_copy_edge_has(edges, n, seq, other))
				continue;
			double sim = ngx_minhash_similarity(
				a->minhash, ci->sigs + (size_t)other * NGX_MINHASH_K);
			if (sim < near_threshold)
				continue;
			/* a copy of a copy: link to the family's original too,
			 * when the text is near it as well */
			uint32_t root = ci->root[other];
			if (root != other && !ngx_copy_edge_has(edges, n, seq, root)) {
				double rs = ngx_minhash_similarity(
					a->minhash, ci->sigs + (size_t)root * NGX_MINHASH_K);
				if (rs >= near_threshold && ci->has_sig[root])
					edges[n++] = ngx_copy_edge_make(ci, seq, a, root,
							       NGX_COPY_NEAR, rs);
			}
			if (n < max_edges)
				edges[n++] = ngx_copy_edge_make(ci, seq, a, other,
						       NGX_COPY_NEAR, sim);
		}
	}
	return n;
}

/* Keeps root[] and the exact map pointing at each family's original: the
 * new article takes the root of what it copies, and when it is the
 * original of an earlier article (published before it), that article (and,
 * for identical texts, the family's entry in the exact map) now looks up
 * to the new one. */
static void update_roots(ngx_copy_index *ci, const ngx_link_article *a,
			 uint32_t seq, const ngx_copy_edge *edges, int n)
{
	ci->root[seq] = seq;
	int best = -1;
	for (int i = 0; i < n; i++) {
		if (edges[i].copy == seq) {
			if (best < 0 || edges[i].kind < edges[best].kind ||
			    (edges[i].kind == edges[best].kind &&
			     edges[i].score > edges[best].score))
				best = i;
		} else if (edges[i].original == seq) {
			ci->root[edges[i].copy] = seq;
			if (edges[i].kind == NGX_COPY_EXACT && a->content_hash)
				ngx_map_put(&ci->exact, a->content_hash, seq);
		}
	}
	if (best >= 0 && edges[best].kind != NGX_COPY_PARTIAL)
		ci->root[seq] = ci->root[edges[best].original];
}

ng_status ngx_copy_index_add(ngx_copy_index *ci, const ngx_link_article *a,
			     uint32_t seq, const ngx_copy_edge *edges,
			     int n_edges)
{
	if (seq != ci->n)
		return NG_ERR_INTERNAL;
	/* the per-article arrays grow in step; when one fails, the ones
	 * already grown are simply larger than their cap says */
	if (ci->n + 1 > ci->cap) {
		size_t cap = ci->cap, cap2 = ci->cap, cap3 = ci->cap, cap4 = ci->cap,
		       cap5 = ci->cap;
		if (ngx_grow((void **)&ci->sigs, &cap, ci->n + 1, NGX_MINHASH_K * sizeof(uint32_t)) ||
		    ngx_grow((void **)&ci->days, &cap2, ci->n + 1, sizeof(int32_t)) ||
		    ngx_grow((void **)&ci->times, &cap4, ci->n + 1, sizeof(int64_t)) ||
		    ngx_grow((void **)&ci->root, &cap5, ci->n + 1, sizeof(uint32_t)) ||
		    ngx_grow((void **)&ci->has_sig, &cap3, ci->n + 1, 1))
			return NG_ERR_NOMEM;
		ci->cap = cap;
	}
	uint32_t *sig = ci->sigs + (size_t)seq * NGX_MINHASH_K;
	if (a->minhash)
		memcpy(sig, a->minhash, NGX_MINHASH_K * sizeof *sig);
	else
		memset(sig, 0xff, NGX_MINHASH_K * sizeof *sig);
	ci->days[seq] = a->day;
	ci->times[seq] = a->time;
	update_roots(ci, a, seq, edges, n_edges);
	ci->has_sig[seq] = a->minhash != NULL;
	ci->n++;
	if (a->content_hash && !ngx_map_get(&ci->exact, a->content_hash) &&
	    ngx_map_put(&ci->exact, a->content_hash, seq))
		return NG_ERR_NOMEM;
	if (a->content_hash && *ngx_map_get(&ci->exact, a->content_hash) != seq)
		return NG_OK; /* exact copies stay out of the other indexes */
	if (a->n_anchors &&
	    ngx_anchor_index_add(&ci->anchors, a->anchors, a->n_anchors, seq))
		return NG_ERR_NOMEM;
	if (!a->minhash)
		return NG_OK;
	size_t cap_seq = ci->cap_nodes, cap_next = ci->cap_nodes;
	if (ngx_grow((void **)&ci->node_seq, &cap_seq, ci->n_nodes + NGX_LSH_BANDS,
		     sizeof(uint32_t)) ||
	    ngx_grow((void **)&ci->node_next, &cap_next, ci->n_nodes + NGX_LSH_BANDS,
		     sizeof(uint32_t)))
		return NG_ERR_NOMEM;
	ci->cap_nodes = cap_seq;
	for (int b = 0; b < NGX_LSH_BANDS; b++) {
		uint64_t *head = ngx_map_upsert(&ci->buckets,
						ngx_lsh_band_key(a->minhash, b), 0);
		if (!head)
			return NG_ERR_NOMEM;
		ci->node_seq[ci->n_nodes] = seq;
		ci->node_next[ci->n_nodes] = (uint32_t)*head;
		ci->n_nodes++;
		*head = ci->n_nodes;
	}
	return NG_OK;
}

size_t ngx_copy_index_memory(const ngx_copy_index *ci)
{
	return ci->cap * (NGX_MINHASH_K * 4 + 4 + 8 + 4 + 1) + ci->cap_nodes * 8 +
	       (ci->exact.cap + ci->buckets.cap) * 17 +
	       ngx_anchor_index_memory(&ci->anchors);
}
