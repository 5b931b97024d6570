/*
 * claims.c: ngi_claims_find, the claim finder's entry point: marks the
 * tokens with the cue lexicons (claim_lexicon.c), finds the claims
 * (claim_find.c) and the responses (response_find.c), ties each response
 * to a claim (claim_link.c) and fills in the code point offsets; and
 * ngi_claim_words, the content words of a span for matching claims across
 * articles.
 */
#include "claim_int.h"

#include <string.h>

ng_status ngi_claims_find(const ngi_doc *doc, const ngi_mention *m, size_t nm,
			  const ngi_quote *q, size_t nq, ngi_arena *a,
			  ngi_claims *out)
{
	ngi_claims res = {0};
	if (!doc || !out)
		return NG_ERR_USAGE;
	if (!m)
		nm = 0;
	if (!q)
		nq = 0;
	ngi_cue_mark *mk = NULL;
	ng_status st = ngi_claim_marks(doc, a, &mk);
	if (st)
		return st;
	ngi_claim_run r = {doc, mk, m, nm, q, nq, NULL};
	r.tok_cp = ngi_claim_cp_table(doc, a);
	res.claims = ngi_arena_alloc(a, NGI_CLAIMS_MAX * sizeof *res.claims);
	res.responses =
		ngi_arena_alloc(a, NGI_RESPONSES_MAX * sizeof *res.responses);
	if (!r.tok_cp || !res.claims || !res.responses)
		return NG_ERR_NOMEM;
	ngi_claim_find_all(&r, res.claims, &res.n_claims, NGI_CLAIMS_MAX);
	ngi_response_find_all(&r, res.responses, &res.n_responses,
			      NGI_RESPONSES_MAX);
	st = ngi_response_link(&r, res.claims, res.n_claims, res.responses,
			       res.n_responses, a);
	if (st)
		return st;
	for (size_t k = 0; k < res.n_claims; k++) {
		ngi_claim *c = &res.claims[k];
		c->cp_start = ngi_claim_cp(&r, c->start);
		c->cp_end = ngi_claim_cp(&r, c->end);
	}
	for (size_t k = 0; k < res.n_responses; k++) {
		ngi_response *x = &res.responses[k];
		x->cp_start = ngi_claim_cp(&r, x->start);
		x->cp_end = ngi_claim_cp(&r, x->end);
	}
	*out = res;
	return NG_OK;
}

size_t ngi_claim_words(const ngi_doc *doc, uint32_t start, uint32_t end,
		       const char **out, size_t max)
{
	size_t n = 0;
	if (!doc)
		return 0;
	for (size_t i = ngi_doc_token_from(doc, start);
	     i < doc->n_tokens && n < max; i++) {
		const ngi_token *t = &doc->tokens[i];
		if (t->end > end)
			break;
		if (t->kind == NGI_TOK_PUNCT || !t->norm ||
		    t->stop)
			continue;
		size_t k;
		for (k = 0; k < n; k++)
			if (strcmp(out[k], t->norm) == 0)
				break;
		if (k == n)
			out[n++] = t->norm;
	}
	return n;
}
