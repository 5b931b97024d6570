/*
 * crossling.c: TF-IDF cosine over pivot term bags (crossling.h). It scores
 * two documents whatever their languages, once src/sketch/pivot_terms.c has put both
 * into English stems, numbers and entity keys. Only the eval suites (pairs,
 * xling) use it, so it lives here, outside the library; a linking stage
 * that used it would move it back to src/link/.
 */
#include "crossling.h"

#include <math.h>
#include <stdlib.h>

void ngi_xling_idf_init(ngi_xling_idf *x)
{
	ngi_map_init(&x->df);
	x->n_docs = 0;
}

void ngi_xling_idf_free(ngi_xling_idf *x)
{
	if (!x)
		return;
	ngi_map_free(&x->df);
	x->n_docs = 0;
}

ng_status ngi_xling_idf_add(ngi_xling_idf *x, const ngi_term *t, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint64_t *df = ngi_map_upsert(&x->df, t[i].term, 0);
		if (!df)
			return NG_ERR_NOMEM;
		(*df)++;
	}
	x->n_docs++;
	return NG_OK;
}

double ngi_xling_idf_of(const ngi_xling_idf *x, uint32_t term)
{
	const uint64_t *df = ngi_map_get(&x->df, term);
	return log((double)(x->n_docs + 1) / (double)((df ? *df : 0) + 1)) + 1.0;
}

static double term_weight(const ngi_xling_idf *x, const ngi_term *t)
{
	return (1.0 + log((double)(t->count ? t->count : 1))) *
	       ngi_xling_idf_of(x, t->term);
}

ng_status ngi_xling_vector(const ngi_xling_idf *x, const ngi_term *t,
			   uint32_t n, ngi_arena *a, ngi_xling_vec *out)
{
	uint32_t *terms = ngi_arena_alloc(a, (n ? n : 1) * sizeof *terms);
	float *weights = ngi_arena_alloc(a, (n ? n : 1) * sizeof *weights);
	if (!terms || !weights)
		return NG_ERR_NOMEM;
	double norm = 0;
	for (uint32_t i = 0; i < n; i++) {
		double w = term_weight(x, &t[i]);
		norm += w * w;
	}
	norm = sqrt(norm);
	for (uint32_t i = 0; i < n; i++) {
		terms[i] = t[i].term;
		weights[i] = norm > 0 ? (float)(term_weight(x, &t[i]) / norm) : 0.0f;
	}
	*out = (ngi_xling_vec){terms, weights, n};
	return NG_OK;
}

double ngi_xling_cosine(const ngi_xling_vec *a, const ngi_xling_vec *b)
{
	double dot = 0;
	uint32_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		if (a->terms[i] < b->terms[j])
			i++;
		else if (a->terms[i] > b->terms[j])
			j++;
		else
			dot += (double)a->weights[i++] * b->weights[j++];
	}
	return dot < 0 ? 0 : dot > 1 ? 1 : dot;
}

double ngi_xling_similarity(const ngi_xling_idf *x, const ngi_term *a,
			    uint32_t na, const ngi_term *b, uint32_t nb)
{
	double dot = 0, norm_a = 0, norm_b = 0;
	for (uint32_t i = 0; i < na; i++) {
		double w = term_weight(x, &a[i]);
		norm_a += w * w;
	}
	for (uint32_t j = 0; j < nb; j++) {
		double w = term_weight(x, &b[j]);
		norm_b += w * w;
	}
	uint32_t i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i].term < b[j].term) {
			i++;
		} else if (a[i].term > b[j].term) {
			j++;
		} else {
			dot += term_weight(x, &a[i]) * term_weight(x, &b[j]);
			i++, j++;
		}
	}
	if (norm_a <= 0 || norm_b <= 0)
		return 0;
	double cos = dot / sqrt(norm_a * norm_b);
	return cos < 0 ? 0 : cos > 1 ? 1 : cos;
}
