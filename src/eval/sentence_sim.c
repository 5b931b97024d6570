/*
 * sentence_sim.c: features of a sentence pair (sentence_sim.h).
 *
 * Every token becomes a 32-bit hash (ngi_hash) of its normalised form or stem;
 * the sets are sorted arrays so that comparing two sentences is a few
 * merges. Nothing here keeps state: the functions are safe on any thread.
 */
#include "sentence_sim.h"

#include <stdlib.h>
#include <string.h>

const char *const ngi_sim_feature_names[NGI_SIM_N_FEATURES] = {
	"word_overlap_min", "word_overlap_max", "stem_overlap_min",
	"stem_overlap_max", "stem_jaccard",     "lcs_min",
	"lcs_max",          "bigram_dice",      "numbers_shared",
	"numbers_differ",   "names_shared",     "length_ratio"};

static uint32_t hash32(const char *s, size_t n, uint32_t seed)
{
	return (uint32_t)ngi_hash(s, n, seed);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static uint32_t sort_unique(uint32_t *v, uint32_t n)
{
	qsort(v, n, sizeof *v, cmp_u32);
	uint32_t u = 0;
	for (uint32_t i = 0; i < n; i++)
		if (u == 0 || v[i] != v[u - 1])
			v[u++] = v[i];
	return u;
}

ng_status ngi_sim_prepare(const ngi_doc *d, size_t first, size_t n,
			  ngi_arena *a, ngi_sim_sentence *out)
{
	if (first > d->n_tokens)
		first = d->n_tokens;
	if (n > d->n_tokens - first)
		n = d->n_tokens - first;
	size_t cap = n ? n : 1;
	ngi_sim_sentence s;
	memset(&s, 0, sizeof s);
	s.seq = ngi_arena_alloc(a, cap * sizeof *s.seq);
	s.words = ngi_arena_alloc(a, cap * sizeof *s.words);
	s.stems = ngi_arena_alloc(a, cap * sizeof *s.stems);
	s.bigrams = ngi_arena_alloc(a, cap * sizeof *s.bigrams);
	s.numbers = ngi_arena_alloc(a, cap * sizeof *s.numbers);
	s.names = ngi_arena_alloc(a, cap * sizeof *s.names);
	if (!s.seq || !s.words || !s.stems || !s.bigrams || !s.numbers ||
	    !s.names)
		return NG_ERR_NOMEM;
	uint32_t prev_sentence = UINT32_MAX;
	for (size_t i = first; i < first + n; i++) {
		const ngi_token *t = &d->tokens[i];
		if (t->kind == NGI_TOK_PUNCT)
			continue;
		int opens = t->sentence != prev_sentence;
		prev_sentence = t->sentence;
		uint32_t stem = hash32(t->stem, t->stem_len, 0);
		uint32_t word = hash32(t->norm, t->norm_len, 1);
		if (s.n_seq)
			s.bigrams[s.n_bigrams++] =
				hash32((const char *)&stem, sizeof stem,
				       s.seq[s.n_seq - 1]);
		s.seq[s.n_seq++] = stem;
		s.words[s.n_words++] = word;
		if (t->kind == NGI_TOK_NUMBER) {
			s.numbers[s.n_numbers++] = word;
			s.stems[s.n_stems++] = stem;
			continue;
		}
		if (t->capitalised && !opens)
			s.names[s.n_names++] = word;
		if (!ngi_is_stopword(d->lang, t->norm, t->norm_len))
			s.stems[s.n_stems++] = stem;
	}
	s.n_words = sort_unique(s.words, s.n_words);
	s.n_stems = sort_unique(s.stems, s.n_stems);
	s.n_bigrams = sort_unique(s.bigrams, s.n_bigrams);
	s.n_numbers = sort_unique(s.numbers, s.n_numbers);
	s.n_names = sort_unique(s.names, s.n_names);
	*out = s;
	return NG_OK;
}

static uint32_t intersect(const uint32_t *a, uint32_t na, const uint32_t *b,
			  uint32_t nb)
{
	return (uint32_t)ngi_intersect_u32(a, na, b, nb);
}

/* Longest common subsequence, one rolling row. */
static uint32_t lcs(const uint32_t *a, uint32_t na, const uint32_t *b,
		    uint32_t nb)
{
	uint16_t row[NGI_SIM_MAX_LCS + 1];
	if (na > NGI_SIM_MAX_LCS)
		na = NGI_SIM_MAX_LCS;
	if (nb > NGI_SIM_MAX_LCS)
		nb = NGI_SIM_MAX_LCS;
	memset(row, 0, (nb + 1) * sizeof row[0]);
	for (uint32_t i = 0; i < na; i++) {
		uint16_t diag = 0;
		for (uint32_t j = 0; j < nb; j++) {
			uint16_t up = row[j + 1];
			if (a[i] == b[j])
				row[j + 1] = (uint16_t)(diag + 1);
			else if (row[j] > up)
				row[j + 1] = row[j];
			diag = up;
		}
	}
	return row[nb];
}

static double frac(uint32_t num, uint32_t den, double if_empty)
{
	return den ? (double)num / (double)den : if_empty;
}

static double min2(double x, double y) { return x < y ? x : y; }
static double max2(double x, double y) { return x > y ? x : y; }

void ngi_sim_features(const ngi_sim_sentence *a, const ngi_sim_sentence *b,
		      double f[NGI_SIM_N_FEATURES])
{
	uint32_t w = intersect(a->words, a->n_words, b->words, b->n_words);
	double wa = frac(w, a->n_words, 1.0), wb = frac(w, b->n_words, 1.0);
	uint32_t s = intersect(a->stems, a->n_stems, b->stems, b->n_stems);
	double sa = frac(s, a->n_stems, 1.0), sb = frac(s, b->n_stems, 1.0);
	uint32_t l = lcs(a->seq, a->n_seq, b->seq, b->n_seq);
	uint32_t la = a->n_seq < NGI_SIM_MAX_LCS ? a->n_seq : NGI_SIM_MAX_LCS;
	uint32_t lb = b->n_seq < NGI_SIM_MAX_LCS ? b->n_seq : NGI_SIM_MAX_LCS;
	uint32_t bg = intersect(a->bigrams, a->n_bigrams, b->bigrams,
				b->n_bigrams);
	uint32_t nu = intersect(a->numbers, a->n_numbers, b->numbers,
				b->n_numbers);
	uint32_t nm = intersect(a->names, a->n_names, b->names, b->n_names);

	f[0] = min2(wa, wb);
	f[1] = max2(wa, wb);
	f[2] = min2(sa, sb);
	f[3] = max2(sa, sb);
	f[4] = frac(s, a->n_stems + b->n_stems - s, 1.0);
	f[5] = frac(l, la > lb ? la : lb, 1.0);
	f[6] = frac(l, la < lb ? la : lb, 1.0);
	f[7] = frac(2 * bg, a->n_bigrams + b->n_bigrams, 1.0);
	f[8] = frac(nu, a->n_numbers + b->n_numbers - nu, 1.0);
	f[9] = nu < a->n_numbers || nu < b->n_numbers ? 1.0 : 0.0;
	f[10] = frac(nm, a->n_names + b->n_names - nm, 1.0);
	f[11] = a->n_seq || b->n_seq
			? (double)(a->n_seq < b->n_seq ? a->n_seq : b->n_seq) /
				  (double)(a->n_seq > b->n_seq ? a->n_seq
							       : b->n_seq)
			: 1.0;
}
