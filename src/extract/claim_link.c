/*
 * claim_link.c: which of its claims a response of the article answers.
 *
 * The words of the response's sentence and of each claim's content are
 * compared as sets of stems (stopwords left out; at most WINDOW_TOKENS
 * tokens read of each, around the response's cue and from the claim's
 * start): the claim sharing the most wins, among the claims near the
 * response in text order (CANDIDATES_BEFORE before it, CANDIDATES_AFTER
 * after), so the work stays linear. A claim made in the response's own
 * sentence ("denied media reports claiming that ...") shares most of it
 * and so is found first. Ties go to a claim of the same sentence, then to
 * the nearer one, a preceding one before a following one. When no claim
 * shares a word, the nearest preceding claim is taken; with none, -1.
 * The responder's name and the cue are left out of the response's words,
 * and a response in a quote is read in the quote's words alone;
 * a response whose object points back ("denied those allegations") takes
 * the nearest preceding claim outright.
 */
#include "claim_int.h"

#include <stdlib.h>
#include <string.h>

#define WINDOW_TOKENS 200
#define CANDIDATES_BEFORE 24
#define CANDIDATES_AFTER 8

typedef struct word_set {
	uint64_t *h;
	uint32_t n;
} word_set;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The stem hashes of the content words of tokens [first, last), sorted,
 * each once, into buf (WINDOW_TOKENS entries). */
static word_set collect(const ngi_doc *d, uint32_t first, uint32_t last,
			const ngi_response *skip, uint64_t *buf)
{
	word_set w = {buf, 0};
	if (last > first + WINDOW_TOKENS)
		last = first + WINDOW_TOKENS;
	for (uint32_t i = first; i < last && i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		if (t->kind == NGI_TOK_PUNCT || !t->norm || !t->stem)
			continue;
		if (t->stop)
			continue;
		/* the responder's name and the cue say nothing of the
		 * claim ("Russian Presidential Spokesman" is no "Russian
		 * President") */
		if (skip && ((t->start >= skip->responder_start &&
			      t->end <= skip->responder_end) ||
			     (t->start >= skip->cue_start &&
			      t->end <= skip->cue_end)))
			continue;
		buf[w.n++] = ngi_hash(t->stem, t->stem_len, 0x776f7264ULL);
	}
	qsort(buf, w.n, sizeof *buf, cmp_u64);
	uint32_t u = 0;
	for (uint32_t i = 0; i < w.n; i++)
		if (u == 0 || buf[u - 1] != buf[i])
			buf[u++] = buf[i];
	w.n = u;
	return w;
}

static uint32_t shared(word_set a, word_set b)
{
	uint32_t i = 0, j = 0, n = 0;
	while (i < a.n && j < b.n) {
		if (a.h[i] < b.h[j])
			i++;
		else if (a.h[i] > b.h[j])
			j++;
		else
			n++, i++, j++;
	}
	return n;
}

ng_status ngi_response_link(const ngi_claim_run *r, const ngi_claim *c,
			    size_t nc, ngi_response *resp, size_t nr,
			    ngi_arena *a)
{
	const ngi_doc *d = r->doc;
	if (nr == 0)
		return NG_OK;
	word_set *cw = ngi_arena_alloc(a, (nc ? nc : 1) * sizeof *cw);
	uint64_t *cbuf = ngi_arena_alloc(
		a, (nc ? nc : 1) * WINDOW_TOKENS * sizeof *cbuf);
	uint64_t *rbuf = ngi_arena_alloc(a, WINDOW_TOKENS * sizeof *rbuf);
	if (!cw || !cbuf || !rbuf)
		return NG_ERR_NOMEM;
	for (size_t k = 0; k < nc; k++) {
		uint32_t first = (uint32_t)ngi_doc_token_from(d, c[k].start);
		uint32_t last = (uint32_t)ngi_doc_token_from(d, c[k].end);
		cw[k] = collect(d, first, last, NULL, cbuf + k * WINDOW_TOKENS);
	}
	for (size_t x = 0; x < nr; x++) {
		ngi_response *re = &resp[x];
		const ngi_sentence *se = &d->sentences[re->sentence];
		uint32_t cue = (uint32_t)ngi_doc_token_from(d, re->cue_start);
		uint32_t sfirst = se->first_token;
		uint32_t send = sfirst + se->n_tokens;
		/* An answer in a quote is the quote's words alone. */
		if (re->start > se->start || re->end < se->end) {
			sfirst = (uint32_t)ngi_doc_token_from(d, re->start);
			send = (uint32_t)ngi_doc_token_from(d, re->end);
			if (send < cue + 1)
				send = cue + 1;
			if (sfirst > cue)
				sfirst = cue;
		}
		uint32_t first = cue > sfirst + WINDOW_TOKENS / 2
					 ? cue - WINDOW_TOKENS / 2 : sfirst;
		word_set rw = collect(d, first, send, re, rbuf);
		/* p: the claims whose cue comes before the response's. */
		size_t lo = 0, hi = nc;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c[mid].cue_start < re->cue_start)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t p = lo;
		if (re->claim == NGI_CLAIM_PREVIOUS) {
			re->claim = p > 0 ? (int32_t)(p - 1) : -1;
			continue;
		}
		size_t from = p > CANDIDATES_BEFORE ? p - CANDIDATES_BEFORE : 0;
		size_t to = p + CANDIDATES_AFTER < nc ? p + CANDIDATES_AFTER : nc;
		int64_t best = -1;
		uint32_t best_score = 0;
		for (size_t k = from; k < to; k++) {
			uint32_t sc = shared(rw, cw[k]);
			if (sc == 0)
				continue;
			int better = sc > best_score || best < 0;
			if (!better && sc == best_score) {
				const ngi_claim *b = &c[best];
				int same_k = c[k].sentence == re->sentence;
				int same_b = b->sentence == re->sentence;
				/* distance in claims; preceding ones first */
				size_t dk = k < p ? (p - k) * 2 : (k - p) * 2 + 1;
				size_t db = (size_t)best < p
						    ? (p - (size_t)best) * 2
						    : ((size_t)best - p) * 2 + 1;
				better = same_k > same_b ||
					 (same_k == same_b && dk < db);
			}
			if (better) {
				best = (int64_t)k;
				best_score = sc;
			}
		}
		if (best < 0 && p > 0)
			best = (int64_t)(p - 1);
		re->claim = (int32_t)best;
	}
	return NG_OK;
}
