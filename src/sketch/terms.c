/*
 * terms.c: the bag-of-terms sketch that story clustering weighs by TF-IDF.
 *
 * Features: Snowball stems of content words (stopwords and one-letter words
 * dropped), capitalised words that do not open a sentence (names, in their
 * normalised form, as a separate feature kind so "Trump" the name counts
 * apart from "trump" the stem), and numbers of three or more digits by
 * their value (years, amounts, counts; number_terms.c: "600 000", "600
 * тысяч" and "600,000" are one term): the last two are language-neutral
 * evidence.
 *
 * Position matters: news puts the event in the headline and the first
 * sentences, and the rest of a body drifts into background shared with
 * neighbouring stories (on FNC-1, the soldier shot at the Ottawa memorial,
 * the gunman named, the guard who stopped him). So words of the first
 * lead_sentences sentences count 1 + lead_extra times, and title words count
 * title_weight + lead_extra times (the title is the leadest text there is).
 */
#include "sketch.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../base/utf8.h"

uint32_t ngi_term_hash(int kind, const char *s, size_t len)
{
	uint64_t h = XXH3_64bits_withSeed(s, len, (uint64_t)kind + 1);
	return (uint32_t)(h ^ (h >> 32));
}

uint32_t ngi_number_term(const char *norm, size_t norm_len)
{
	char digits[32];
	size_t nd = 0;
	for (size_t k = 0; k < norm_len && nd < sizeof digits; k++)
		if (norm[k] >= '0' && norm[k] <= '9')
			digits[nd++] = norm[k];
	return nd >= NGI_NUMBER_MIN_DIGITS
		       ? ngi_term_hash(NGI_TERM_NUMBER, digits, nd)
		       : 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Appends the term hashes of doc to hashes, each repeated weight times, or
 * lead_weight times in the first lead_sentences sentences. */
static size_t collect(const ngi_doc *d, unsigned weight, uint32_t lead_sentences,
		      unsigned lead_weight, uint32_t *hashes, size_t n)
{
	if (!d)
		return n;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		unsigned times = t->sentence < lead_sentences ? lead_weight : weight;
		uint32_t h[2];
		int nh = 0;
		if (t->kind == NGI_TOK_NUMBER) {
			size_t last;
			uint32_t nt = ngi_number_at(d, i, &last);
			if (nt)
				h[nh++] = nt;
			i = last; /* the groups of "600 000" are one number */
		} else if (t->kind == NGI_TOK_WORD) {
			if (ngi_utf8_count(t->norm, t->norm_len) < 2 || t->stop)
				continue;
			h[nh++] = ngi_term_hash(NGI_TERM_STEM, t->stem, t->stem_len);
			if (t->capitalised && !ngi_doc_opens_sentence(d, i))
				h[nh++] = ngi_term_hash(NGI_TERM_NAME, t->norm, t->norm_len);
		}
		for (int k = 0; k < nh; k++)
			for (unsigned w = 0; w < times; w++)
				hashes[n++] = h[k];
	}
	return n;
}

ng_status ngi_terms(const ngi_doc *body, const ngi_doc *title,
		    unsigned title_weight, uint32_t lead_sentences,
		    unsigned lead_extra, ngi_arena *a, ngi_term **out,
		    uint32_t *n_out)
{
	/* weights are small constants from the caller; the cap keeps the
	 * buffer below the per-token bound on any input */
	if (title_weight > 16 || lead_extra > 16)
		return NG_ERR_INTERNAL;
	unsigned title_times = title_weight + lead_extra;
	size_t cap = 2 * (size_t)(1 + lead_extra) * (body ? body->n_tokens : 0) +
		     2 * (size_t)title_times * (title ? title->n_tokens : 0) + 1;
	uint32_t *hashes = malloc(cap * sizeof *hashes);
	if (!hashes)
		return NG_ERR_NOMEM;
	size_t n = collect(body, 1, lead_sentences, 1 + lead_extra, hashes, 0);
	n = collect(title, title_times, 0, 0, hashes, n);
	qsort(hashes, n, sizeof *hashes, cmp_u32);
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || hashes[i] != hashes[i - 1];
	ngi_term *terms = ngi_arena_alloc(a, (distinct ? distinct : 1) * sizeof *terms);
	if (!terms) {
		free(hashes);
		return NG_ERR_NOMEM;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || hashes[i] != hashes[i - 1])
			terms[m++] = (ngi_term){hashes[i], 0};
		terms[m - 1].count++;
	}
	free(hashes);
	*out = terms;
	*n_out = (uint32_t)m;
	return NG_OK;
}
