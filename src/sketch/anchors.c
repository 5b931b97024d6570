/*
 * anchors.c: quotations and sampled word 4-grams as verbatim anchors (see
 * anchors.h).
 *
 * Quote marks: “ ” „ « » " and the single ‘ ’ ‚ ‹ › when they stand apart
 * from words (an apostrophe inside a word is part of the word token). A quote
 * opens at an opening mark (or a " when none is open) and closes at the next
 * closing mark; a quote left open at a paragraph break is dropped.
 */
#include "anchors.h"

#include <string.h>
#include <xxhash.h>

#define QUOTE_SEED 0x71756f7465ULL  /* "quote" */
#define GRAM_SEED 0x6772616d34ULL   /* "gram4" */

/* 1: opening mark, 2: closing mark, 3: either (straight quotes), 0: none. */
static int quote_mark(const ngi_doc *d, const ngi_token *t)
{
	if (t->kind != NGI_TOK_PUNCT)
		return 0;
	const char *s = d->text + t->start;
	size_t n = t->end - t->start;
	static const struct { const char *mark; int role; } marks[] = {
		{"\xe2\x80\x9c", 1}, /* “ (English open, German close) */
		{"\xe2\x80\x9d", 2}, /* ” */
		{"\xe2\x80\x9e", 1}, /* „ */
		{"\xc2\xab", 1},     /* « */
		{"\xc2\xbb", 2},     /* » */
		{"\"", 3},
		{"\xe2\x80\x98", 1}, /* ‘ */
		{"\xe2\x80\x99", 2}, /* ’ */
		{"\xe2\x80\xb9", 1}, /* ‹ */
		{"\xe2\x80\xba", 2}, /* › */
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strlen(marks[i].mark) == n && !memcmp(s, marks[i].mark, n))
			return marks[i].role;
	return 0;
}

static int is_word(const ngi_token *t)
{
	return t->kind == NGI_TOK_WORD || t->kind == NGI_TOK_NUMBER;
}

static int has(const uint64_t *h, uint32_t n, uint64_t x)
{
	for (uint32_t i = 0; i < n; i++)
		if (h[i] == x)
			return 1;
	return 0;
}

/* A paragraph break (two line breaks) since the opening mark ends an open
 * quote. The line breaks are counted once, from where the last mark left
 * off, so a text of many opening marks and no closing one costs its
 * length, not its length squared (issue 15). */
typedef struct open_quote {
	uint32_t scanned; /* bytes up to here are counted */
	int breaks;       /* line breaks since the opening mark, up to 2 */
} open_quote;

static int paragraph_since_open(const ngi_doc *d, open_quote *q, uint32_t to)
{
	const char *p = d->text + q->scanned, *end = d->text + to;
	while (q->breaks < 2 && p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		q->breaks++;
		p++;
	}
	if (to > q->scanned)
		q->scanned = to;
	return q->breaks >= 2;
}

ng_status ngi_anchors_build(const ngi_doc *d, ngi_arena *a, ngi_anchors *out)
{
	memset(out, 0, sizeof *out);
	out->hashes = ngi_arena_alloc(a, NGI_MAX_ANCHORS * sizeof *out->hashes);
	out->quotes = ngi_arena_alloc(a, NGI_MAX_QUOTES * sizeof *out->quotes);
	if (!out->hashes || !out->quotes)
		return NG_ERR_NOMEM;
	/* quotes */
	size_t open_at = SIZE_MAX; /* token index after the opening mark */
	open_quote q = {0, 0};
	for (size_t i = 0; i < d->n_tokens && out->n_quotes < NGI_MAX_QUOTES; i++) {
		int role = quote_mark(d, &d->tokens[i]);
		if (!role)
			continue;
		if (open_at != SIZE_MAX && i > open_at &&
		    paragraph_since_open(d, &q, d->tokens[i].start))
			open_at = SIZE_MAX; /* never closed in its paragraph */
		if (open_at == SIZE_MAX) {
			if (role & 1) {
				open_at = i + 1;
				q = (open_quote){d->tokens[i].end, 0};
			}
			continue;
		}
		if (!(role & 2))
			continue; /* a nested or repeated opening mark */
		uint64_t h = QUOTE_SEED;
		uint32_t words = 0, first = 0, last = 0;
		for (size_t k = open_at; k < i; k++) {
			const ngi_token *t = &d->tokens[k];
			if (!is_word(t))
				continue;
			if (!words)
				first = t->start;
			last = t->end;
			h = XXH3_64bits_withSeed(t->norm, t->norm_len, h);
			words++;
		}
		open_at = SIZE_MAX;
		if (words < NGI_QUOTE_MIN_WORDS || has(out->hashes, out->n, h))
			continue;
		out->quotes[out->n_quotes++] = (ngi_quote_span){first, last, h};
		out->hashes[out->n++] = h;
	}
	/* sampled 4-grams of normalised words */
	uint64_t w[4] = {0, 0, 0, 0};
	size_t words = 0;
	for (size_t i = 0; i < d->n_tokens && out->n < NGI_MAX_ANCHORS; i++) {
		const ngi_token *t = &d->tokens[i];
		if (!is_word(t))
			continue;
		memmove(w, w + 1, 3 * sizeof *w);
		w[3] = XXH3_64bits(t->norm, t->norm_len);
		if (++words < 4)
			continue;
		uint64_t h = XXH3_64bits_withSeed(w, sizeof w, GRAM_SEED);
		if (h % NGI_ANCHOR_RATE == 0 && !has(out->hashes, out->n, h))
			out->hashes[out->n++] = h;
	}
	return NG_OK;
}
