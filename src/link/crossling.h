/*
 * crossling.h: similarity of two documents in any two languages, from their
 * pivot term bags (src/text/pivot.h): English stems of the words the
 * dictionary knows, numbers, and canonical entity keys.
 *
 * A TF-IDF cosine. The inverse document frequencies are learnt from the
 * documents added to an ngx_xling_idf (online: a stream adds each document
 * as it comes, an evaluation adds the collection it scores); nothing is
 * shipped. Weights: (1 + ln count) * (ln((N + 1) / (df + 1)) + 1), where
 * the counts already weigh entity mentions and numbers up and the title and
 * lead more (ngx_pivot_options). The score is in [0, 1] (all weights are
 * non-negative): 0 when nothing is shared, 1 for the same bag.
 *
 * Ownership: an ngx_xling_idf owns its table until ngx_xling_idf_free;
 * vectors live in the arena passed in. Not thread-safe while documents are
 * added; reads may be shared.
 */
#ifndef NG_CROSSLING_H
#define NG_CROSSLING_H

#include "../base/map.h"
#include "../sketch/sketch.h"

typedef struct ngx_xling_idf {
	ngx_map df;        /* term -> documents holding it */
	uint64_t n_docs;
} ngx_xling_idf;

void ngx_xling_idf_init(ngx_xling_idf *x);
void ngx_xling_idf_free(ngx_xling_idf *x);
/* Counts one document's terms (each term once). NG_ERR_NOMEM leaves the
 * counts partly updated. */
ng_status ngx_xling_idf_add(ngx_xling_idf *x, const ngx_term *t, uint32_t n);
/* The idf of a term under the documents added so far. */
double ngx_xling_idf_of(const ngx_xling_idf *x, uint32_t term);

/* A document's unit-length TF-IDF vector: terms sorted as given, weights. */
typedef struct ngx_xling_vec {
	const uint32_t *terms;
	const float *weights;
	uint32_t n;
} ngx_xling_vec;

/* The vector of a term bag (sorted by term, as ngx_pivot_terms gives it)
 * into a. An empty bag gives an empty vector. */
ng_status ngx_xling_vector(const ngx_xling_idf *x, const ngx_term *t,
			   uint32_t n, ngx_arena *a, ngx_xling_vec *out);
/* Cosine of two vectors: in [0, 1]. */
double ngx_xling_cosine(const ngx_xling_vec *a, const ngx_xling_vec *b);
/* Both steps at once, without keeping the vectors. */
double ngx_xling_similarity(const ngx_xling_idf *x, const ngx_term *a,
			    uint32_t na, const ngx_term *b, uint32_t nb);

#endif
