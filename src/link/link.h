/*
 * link.h: the stateful stage: copies and stories, applied in input order.
 *
 * Every article that reaches the link stage gets a dense sequence number
 * (0, 1, 2, ... in arrival order; the store keeps it as the row id minus
 * one). ngx_link_add decides, for the next article, its copy edges (exact
 * content-hash matches and MinHash/LSH near-duplicates) and its story (an
 * online single-pass clustering: TF-IDF cosine against story centroids
 * found through an inverted index, within a time window). Given the same
 * articles in the same order, the decisions are the same: nothing here
 * depends on threads, addresses or time of day.
 *
 * ngx_link_restore replays a stored decision (reopening a database) without
 * deciding anything, so a later ingest continues where the last one ended.
 */
#ifndef NG_LINK_H
#define NG_LINK_H

#include "../sketch/sketch.h"

#define NGX_DAY_UNKNOWN INT32_MIN

typedef enum ngx_copy_kind {
	NGX_COPY_EXACT = 1,
	NGX_COPY_NEAR = 2
} ngx_copy_kind;

const char *ngx_copy_kind_name(int kind);

/* Why the original is the original. */
typedef enum ngx_copy_why {
	NGX_WHY_EARLIER_PUBLISHED = 1,
	NGX_WHY_EARLIER_INGESTED = 2
} ngx_copy_why;

const char *ngx_copy_why_name(int why);

typedef struct ngx_copy_edge {
	uint32_t copy;      /* seq of the copy */
	uint32_t original;  /* seq of the original */
	uint8_t kind;       /* ngx_copy_kind */
	uint8_t why;        /* ngx_copy_why */
	float score;        /* 1 for exact, the Jaccard estimate for near */
} ngx_copy_edge;

/* What linking needs to know of an article. Pointers are borrowed. */
typedef struct ngx_link_article {
	uint64_t content_hash;      /* 0: no words */
	const uint32_t *minhash;    /* NGX_MINHASH_K values, or NULL */
	const ngx_term *terms;
	uint32_t n_terms;
	int32_t day;                /* days since 1970-01-01, or NGX_DAY_UNKNOWN */
} ngx_link_article;

typedef struct ngx_link_config {
	double story_threshold;     /* cosine to join a story */
	int window_days;            /* stories idle longer are not joined */
	double near_threshold;      /* MinHash Jaccard for a near copy */
} ngx_link_config;

#define NGX_MAX_EDGES_PER_ARTICLE 8

typedef struct ngx_link_result {
	uint32_t seq;
	uint32_t story;             /* story id, 1-based */
	int new_story;
	double story_score;         /* cosine with the story joined, 1 if new */
	ngx_copy_edge edges[NGX_MAX_EDGES_PER_ARTICLE];
	int n_edges;
} ngx_link_result;

typedef struct ngx_link ngx_link;

ng_status ngx_link_new(const ngx_link_config *c, ngx_link **out);
void ngx_link_free(ngx_link *l);

/* Decides and records the next article. */
ng_status ngx_link_add(ngx_link *l, const ngx_link_article *a,
		       ngx_link_result *out);

/* Records an article whose story was decided earlier (reopening a store).
 * Stories must come in order: a story id never seen before must be the next
 * one. */
ng_status ngx_link_restore(ngx_link *l, const ngx_link_article *a,
			   uint32_t story);

/* Number of articles and stories recorded. */
uint32_t ngx_link_articles(const ngx_link *l);
uint32_t ngx_link_stories(const ngx_link *l);

/* Bytes held by the indexes (for the benchmark). */
size_t ngx_link_memory(const ngx_link *l);

#endif
