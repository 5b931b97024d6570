/*
 * link_internal.h: the two indexes behind link.h, each in its own file.
 *
 * copy_index.c: exact (content hash) and near-duplicate (MinHash LSH)
 * lookups over every article seen. story_index.c: the story centroids,
 * document frequencies and postings for online clustering. link.c ties them
 * together in ngx_link_add.
 */
#ifndef NG_LINK_INTERNAL_H
#define NG_LINK_INTERNAL_H

#include "../base/map.h"
#include "anchor_index.h"
#include "link.h"

/* ---- copies ----------------------------------------------------------------- */
typedef struct ngx_copy_index {
	ngx_map exact;        /* content hash -> seq of its first article */
	ngx_map buckets;      /* LSH band key -> 1 + index of the newest node */
	uint32_t *node_seq;   /* bucket chains: article seq and next node + 1 */
	uint32_t *node_next;
	size_t n_nodes, cap_nodes;
	uint32_t *sigs;       /* NGX_MINHASH_K per article, by seq */
	int32_t *days;        /* publication day per article, by seq */
	int64_t *times;       /* publication time per article, by seq */
	uint32_t *root;       /* the earliest original known above each
				 article (itself when it copies nothing) */
	uint8_t *has_sig;
	size_t n, cap;
	ngx_anchor_index anchors; /* quotes and sampled 4-grams -> articles */
	ngx_arena scratch;        /* fetched sketches, reset per article */
} ngx_copy_index;

void ngx_copy_index_init(ngx_copy_index *ci);
void ngx_copy_index_free(ngx_copy_index *ci);
/* Edges from the article about to become seq to earlier articles. */
int ngx_copy_index_find(const ngx_copy_index *ci, const ngx_link_article *a,
			uint32_t seq, double near_threshold,
			ngx_copy_edge *edges, int max_edges);
/* An edge from seq (about to be added, published on day) to other, turned
 * round when other is the later one (see copy_index.c for the rule). */
ngx_copy_edge ngx_copy_edge_make(const ngx_copy_index *ci, uint32_t seq,
				const ngx_link_article *a, uint32_t other,
				int kind, double score);
int ngx_copy_edge_has(const ngx_copy_edge *edges, int n, uint32_t seq,
		      uint32_t other);
/* reuse.c: rewrite and partial-reuse edges from anchor candidates verified
 * by passage alignment; appends to edges (n so far), returns the new n. */
ng_status ngx_reuse_find(ngx_copy_index *ci, const ngx_link_config *c,
			 const ngx_link_article *a, uint32_t seq,
			 ngx_copy_edge *edges, int *n, int max_edges);
/* Records the article as seq (must be the next seq), with the copy edges
 * decided for it (none when restoring). */
ng_status ngx_copy_index_add(ngx_copy_index *ci, const ngx_link_article *a,
			     uint32_t seq, const ngx_copy_edge *edges,
			     int n_edges);
size_t ngx_copy_index_memory(const ngx_copy_index *ci);

/* ---- stories ---------------------------------------------------------------- */
typedef struct ngx_story_state {
	uint32_t *terms;      /* sorted */
	float *weights;       /* sum over members of 1 + ln(tf) */
	float *unit;          /* sum over members of their unit tf-idf^2
				 vectors (as weighted when they joined) */
	uint32_t n_terms, cap_terms;
	uint32_t size;
	int32_t first_day, last_day;
	double norm;          /* cached idf-weighted norm */
	uint64_t norm_docs;   /* document count when norm was computed; 0 = stale */
	uint32_t stamp;       /* candidate dedupe */
	float overlap;        /* candidate proxy score during one query */
	uint32_t merged_into; /* 0 while the story lives */
	uint32_t checked_size; /* size at the last merge check */
	uint16_t langs[4];    /* languages of its articles (the first four) */
} ngx_story_state;

typedef struct ngx_posting_list {
	uint32_t *stories;
	uint32_t n, cap;
} ngx_posting_list;

typedef struct ngx_story_index {
	ngx_story_state *stories; /* story id s is stories[s - 1] */
	uint32_t n, cap;
	ngx_map df;               /* term -> documents containing it */
	uint64_t n_docs;
	ngx_map postings;         /* term -> index into lists */
	ngx_posting_list *lists;
	size_t n_lists, cap_lists;
	uint32_t stamp;
} ngx_story_index;

void ngx_story_index_init(ngx_story_index *si);
void ngx_story_index_free(ngx_story_index *si);
/* Counts the article's terms into the document frequencies. */
ng_status ngx_story_index_count(ngx_story_index *si, const ngx_link_article *a);
/* Best story for the article (0 if none) and its cosine. */
ng_status ngx_story_index_best(ngx_story_index *si, const ngx_link_article *a,
			       int window_days, uint32_t *story,
			       double *score);
/* Adds the article to story (which may be n + 1: a new story). */
ng_status ngx_story_index_join(ngx_story_index *si, const ngx_link_article *a,
			       uint32_t story);
/* Merges story with the open story most like it when their average-link
 * similarity reaches threshold: the older (lower id) one absorbs the other.
 * *into and *from are the two ids, or 0 when nothing merged. */
ng_status ngx_story_index_merge(ngx_story_index *si, uint32_t story,
				double threshold, int window_days,
				uint32_t *into, uint32_t *from);
/* The live story a (possibly merged) story id now belongs to. */
uint32_t ngx_story_index_live(const ngx_story_index *si, uint32_t story);
/* Makes room for story ids up to n (placeholders for ids merged away before
 * a restore). */
ng_status ngx_story_index_reserve(ngx_story_index *si, uint32_t n);
size_t ngx_story_index_memory(const ngx_story_index *si);

#endif
