/*
 * said_features.c: who said what in one article, on the analysis threads.
 *
 * Runs the quote finder (src/extract/quotes.h) and the claim and response
 * finder (src/extract/claims.h) on the analysed body and its mentions, and
 * gives each quote, claim and response its passage: the language-neutral
 * terms and words hash that linking groups them by (src/sketch/
 * span_terms.h), and the sentence it starts in, where its date is looked
 * for; and the body and each claim prepared for the stance model
 * (src/stance/stance.h). Pure per document.
 */
#include "engine.h"

#include "../sketch/span_terms.h"

#include <string.h>

/* The sentence of doc that holds byte at (the last one starting at or
 * before it). */
static const ngi_sentence *sentence_at(const ngi_doc *d, uint32_t at)
{
	size_t lo = 0, hi = d->n_sentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sentences[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &d->sentences[lo - 1] : NULL;
}

static ng_status passage(ngi_arena *keep, const ngi_doc *d,
			 const ngi_features *f, uint32_t start, uint32_t end,
			 ngi_said_passage *out)
{
	ng_status st = ngi_span_terms(d, start, end, f->mentions, f->n_mentions,
				      keep, &out->terms, &out->n_terms);
	if (st)
		return st;
	out->words = ngi_span_words_hash(d, start, end);
	const ngi_sentence *s = sentence_at(d, start);
	out->sentence_start = s ? s->start : start;
	out->sentence_end = s && s->end > end ? s->end : end;
	return NG_OK;
}

static ngi_said_passage *passages(ngi_arena *keep, size_t n)
{
	return n ? ngi_arena_zalloc(keep, n * sizeof(ngi_said_passage)) : NULL;
}

/* The body and each claim prepared for the stance model; a claim is
 * analysed on its own, as the stance model reads a claim like an FNC-1
 * headline. A missing model leaves them NULL (NG_ERR_INTERNAL from the
 * model is not the document's fault: the rest of the features stand). */
static ng_status stance_texts(ngi_worker *w, ngi_arena *keep, const ngi_doc *body,
			      ngi_features *out)
{
	ng_status st = ngi_stance_prepare(body, keep, &out->stance_body);
	if (st == NG_ERR_INTERNAL) {
		out->stance_body = NULL;
		return NG_OK;
	}
	const ngi_claims *c = &out->claims;
	if (st || !c->n_claims)
		return st;
	out->claim_stances = ngi_arena_zalloc(keep, c->n_claims * sizeof *out->claim_stances);
	if (!out->claim_stances)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < c->n_claims && !st; i++) {
		ngi_doc cd;
		st = ngi_text_analyze_part(w->text, body, c->claims[i].start,
					   c->claims[i].end, &w->scratch, &cd);
		if (!st)
			st = ngi_stance_prepare(&cd, keep, &out->claim_stances[i]);
	}
	return st;
}

/* n elements of size from the scratch arena into keep. */
static void *keep_copy(ngi_arena *keep, const void *src, size_t n, size_t size,
		       ng_status *st)
{
	if (!n || *st)
		return NULL;
	void *p = ngi_arena_alloc(keep, n * size);
	if (!p)
		*st = NG_ERR_NOMEM;
	else
		memcpy(p, src, n * size);
	return p;
}

ng_status ngi_said_features(ngi_worker *w, ngi_arena *keep, const ngi_doc *body,
			    ngi_features *out)
{
	/* the finders' per-token tables go to the scratch arena, reset after
	 * each document; only what they found is kept with the batch */
	ngi_quote *q = NULL;
	size_t nq = 0;
	ngi_claims found = {0};
	ng_status st = ngi_quotes_find(body, out->mentions, out->n_mentions,
				       &w->scratch, &q, &nq);
	if (!st)
		st = ngi_claims_find(body, out->mentions, out->n_mentions, q, nq,
				     &w->scratch, &found);
	if (st)
		return st;
	out->quotes = keep_copy(keep, q, nq, sizeof *q, &st);
	out->n_quotes = nq;
	out->claims.claims = keep_copy(keep, found.claims, found.n_claims,
				       sizeof *found.claims, &st);
	out->claims.n_claims = found.n_claims;
	out->claims.responses = keep_copy(keep, found.responses, found.n_responses,
					  sizeof *found.responses, &st);
	out->claims.n_responses = found.n_responses;
	if (st)
		return st;
	const ngi_claims *c = &out->claims;
	out->quote_passages = passages(keep, out->n_quotes);
	out->claim_passages = passages(keep, c->n_claims);
	out->response_passages = passages(keep, c->n_responses);
	if ((out->n_quotes && !out->quote_passages) ||
	    (c->n_claims && !out->claim_passages) ||
	    (c->n_responses && !out->response_passages))
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < out->n_quotes && !st; i++)
		st = passage(keep, body, out, out->quotes[i].start, out->quotes[i].end,
			     &out->quote_passages[i]);
	for (size_t i = 0; i < c->n_claims && !st; i++)
		st = passage(keep, body, out, c->claims[i].start, c->claims[i].end,
			     &out->claim_passages[i]);
	for (size_t i = 0; i < c->n_responses && !st; i++)
		st = passage(keep, body, out, c->responses[i].start,
			     c->responses[i].end, &out->response_passages[i]);
	return st ? st : stance_texts(w, keep, body, out);
}
