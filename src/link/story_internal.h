/*
 * story_internal.h: what the story index's files share (story_index.c:
 * statistics, centroids, postings, the candidate search, joins and
 * retiring; story_merge.c: merges by average link; story_move.c: members
 * moved to a story that fits them better). The interface the rest of the
 * link stage uses is in link_internal.h.
 */
#ifndef NG_STORY_INTERNAL_H
#define NG_STORY_INTERNAL_H

#include "link_internal.h"

#define NGI_QUERY_TERMS 24        /* article terms (with postings) to query */
#define NGI_MERGE_SCORES 10       /* merge candidates given a full average
				     link (40 gave the same FNC-1 stories,
				     at a fifth more ingest time) */
#define NGI_MOVE_SCORES 10        /* stories a member may move to, given a
				     full cosine (40 gave the same FNC-1
				     stories, at a fifth more ingest time) */
#define NGI_CENTROID_MAX 3000     /* centroid terms before pruning */

/* A query term (or centroid term, by index) and its weight. */
typedef struct ngi_story_weighted { uint32_t idx; double w; } ngi_story_weighted;
/* Heaviest first, ties by lower index (qsort order). */
int ngi_story_by_weight_desc(const void *a, const void *b);

/* A candidate story and its overlap with the query. */
typedef struct ngi_story_candidate { uint32_t story; float overlap; } ngi_story_candidate;
/* Which stories a query may consider. */
typedef int (*ngi_story_filter)(const ngi_story_index *si, uint32_t id,
				const void *ctx);
/* Candidate stories for n query terms (heaviest first, with their
 * weights), best overlap first, in *out (freed by the caller). */
ng_status ngi_story_gather(ngi_story_index *si, const uint32_t *terms,
			   const double *weights, size_t n, ngi_story_filter keep,
			   const void *ctx, ngi_story_candidate **out,
			   size_t *n_out);

/* A story's idf-weighted norm, cached until it changes or the collection
 * has grown by a tenth. */
double ngi_story_norm(ngi_story_index *si, ngi_story_state *s);
/* Index of term in a story's centroid, or UINT32_MAX; _next for terms
 * looked up in ascending order (*from: where the last lookup ended). */
uint32_t ngi_story_centroid_at(const ngi_story_state *s, uint32_t term);
uint32_t ngi_story_centroid_next(const ngi_story_state *s, uint32_t term,
				 uint32_t *from);
/* Adds n sorted terms (weights, unit weights) to story id's centroid. */
ng_status ngi_story_centroid_add(ngi_story_index *si, ngi_story_state *s,
				 uint32_t id, const uint32_t *terms,
				 const float *weights, const float *unit,
				 uint32_t n);
/* Adds an article's terms to story id's centroid (its unit vector under
 * today's idf); the norm of that vector (1 when it has no weight). */
ng_status ngi_story_add_article(ngi_story_index *si, ngi_story_state *s,
				uint32_t id, const ngi_term *t, uint32_t n);
double ngi_story_article_norm(const ngi_story_index *si, const ngi_term *t,
			      uint32_t n);
/* Keeps a centroid's heaviest terms (when it passed NGI_CENTROID_MAX). */
ng_status ngi_story_prune(ngi_story_index *si, ngi_story_state *s);
/* A story's languages (the first NGI_STORY_LANGS): one more article in
 * lang (n more: a merge), or one fewer (a move), so that they are those of
 * its present articles; and its days. */
void ngi_story_add_lang(ngi_story_state *s, uint16_t lang, uint32_t n);
void ngi_story_drop_lang(ngi_story_state *s, uint16_t lang);
void ngi_story_widen_days(ngi_story_state *s, int32_t first, int32_t last);
/* Whether a story is within window days of day (unknown: always). */
int ngi_story_in_window(const ngi_story_state *s, int32_t day, int window);
/* Appends v to a growing array with 32-bit counts, doubling from 4. */
ng_status ngi_story_append_u32(uint32_t **a, uint32_t *n, uint32_t *cap,
			       uint32_t v);

/* Whether two stories hold an article in one language (either unknown:
 * yes); merges across languages scale their link (story_merge.c). */
int ngi_story_share_lang(const ngi_story_state *x, const ngi_story_state *y);
#endif
