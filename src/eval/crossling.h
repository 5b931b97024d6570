/*
 * crossling.h: similarity of two documents in any two languages, from their
 * pivot term bags (src/sketch/pivot_terms.h): English stems of the words the
 * dictionary knows, numbers, and canonical entity keys.
 *
 * A TF-IDF cosine. The inverse document frequencies are learnt from the
 * documents added to an ngi_xling_idf (online: a stream adds each document
 * as it comes, an evaluation adds the collection it scores); nothing is
 * shipped. Weights: (1 + ln count) * (ln((N + 1) / (df + 1)) + 1), where
 * the counts already weigh entity mentions and numbers up and the title and
 * lead more (ngi_pivot_options). The score is in [0, 1] (all weights are
 * non-negative): 0 when nothing is shared, 1 for the same bag.
 *
 * Ownership: an ngi_xling_idf owns its table until ngi_xling_idf_free;
 * vectors live in the arena passed in. Not thread-safe while documents are
 * added; reads may be shared.
 */
#ifndef NG_CROSSLING_H
#define NG_CROSSLING_H

#include "../base/map.h"
#include "../sketch/sketch.h"

typedef struct ngi_xling_idf {
	ngi_map df;        /* term -> documents holding it */
	uint64_t n_docs;
} ngi_xling_idf;

void ngi_xling_idf_init(ngi_xling_idf *x);
void ngi_xling_idf_free(ngi_xling_idf *x);
/* Counts one document's terms (each term once). NG_ERR_NOMEM leaves the
 * counts partly updated. */
ng_status ngi_xling_idf_add(ngi_xling_idf *x, const ngi_term *t, uint32_t n);
/* The idf of a term under the documents added so far. */
double ngi_xling_idf_of(const ngi_xling_idf *x, uint32_t term);

/* A document's unit-length TF-IDF vector: terms sorted as given, weights. */
typedef struct ngi_xling_vec {
	const uint32_t *terms;
	const float *weights;
	uint32_t n;
} ngi_xling_vec;

/* The vector of a term bag (sorted by term, as ngi_pivot_terms gives it)
 * into a. An empty bag gives an empty vector. */
ng_status ngi_xling_vector(const ngi_xling_idf *x, const ngi_term *t,
			   uint32_t n, ngi_arena *a, ngi_xling_vec *out);
/* Cosine of two vectors: in [0, 1]. */
double ngi_xling_cosine(const ngi_xling_vec *a, const ngi_xling_vec *b);
/* Both steps at once, without keeping the vectors. */
double ngi_xling_similarity(const ngi_xling_idf *x, const ngi_term *a,
			    uint32_t na, const ngi_term *b, uint32_t nb);

#endif
