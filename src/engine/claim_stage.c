/*
 * claim_stage.c: which earlier claim each claim of an article repeats,
 * apart from the rest of who said what (engine.h, docs/SCALE.md).
 *
 * A claim joins the claim its words repeat (the claims' span index,
 * src/link/span_index.h, with the claimant's key), the claim the article
 * itself restates in other words (src/extract/claims.h, same_as), or
 * starts a new one numbered after the last. That depends only on the
 * claims of the articles stored before, in input order, never on stories,
 * so the distributed ingest runs it twice over the same index updates:
 * on the copy stage's rank, which searches the index and sends each
 * claim's match with the record, and on the linking rank, which takes the
 * match as sent (ngi_pending.claim_matches) and only adds and touches,
 * keeping the index whose terms a response's guessed claim is chosen by
 * (said_link.c). Both call ngi_claim_place, so their indexes stay the
 * same; a single process calls it alone, searching as it goes.
 */
#include "engine.h"

#include <stdlib.h>

/* Claims: the same allegation, retold in other words, at any distance in
 * time (an allegation outlives its news: the 2016 election interference
 * was reported in 2017 and retold in 2024, and a backfill need not arrive
 * in order of time); the overlap rules are the guard, the capacity bounds
 * memory. First choices checked on the seed stories (docs/SAID.md). */
const ngi_span_rule ngi_claim_rule = {.dice = 0.5, .dice_same_key = 0.3,
				      .min_shared = 2, .window_days = 0,
				      .capacity = 1u << 15};

ngi_span_sig ngi_said_sig(const ngi_pending *p, const ngi_said_passage *sp,
			  const char *key)
{
	return (ngi_span_sig){.terms = sp->terms, .n = sp->n_terms,
			      .words = sp->words, .key = ngi_span_key_hash(key),
			      .day = p->f.day, .lang = ngi_link_lang(p->f.lang)};
}

ngi_span_sig ngi_claim_sig(const ngi_pending *p, size_t i)
{
	int32_t m = p->f.claims.claims[i].claimant;
	const char *key = m >= 0 && (size_t)m < p->f.n_mentions
				  ? p->f.mentions[m].key
				  : NULL;
	return ngi_said_sig(p, &p->f.claim_passages[i], key);
}

ng_status ngi_claim_place(ngi_span_index *x, uint64_t *last,
			  const ngi_pending *p, size_t i, const uint64_t *ids,
			  const ngi_span_sig *sig, ngi_claim_placed *out)
{
	const ngi_claim *cl = &p->f.claims.claims[i];
	*out = (ngi_claim_placed){0};
	ng_status st;
	if (cl->same_as >= 0 && (size_t)cl->same_as < i && ids[cl->same_as]) {
		/* the article restates one of its claims in other words: one
		 * claim, and these words represent it too */
		out->id = ids[cl->same_as];
		if ((st = ngi_span_index_add(x, out->id, sig)))
			return st;
		ngi_span_index_touch(x, out->id, sig->day);
		out->represents = 1;
		return NG_OK;
	}
	out->matched = p->claims_given ? p->claim_matches[i]
				       : ngi_span_index_match(x, sig);
	if (out->matched > *last)
		return NG_ERR_INTERNAL; /* a match sent that was never made */
	if (out->matched) {
		out->id = out->matched;
		ngi_span_index_touch(x, out->id, sig->day);
		return NG_OK;
	}
	out->id = *last + 1;
	if ((st = ngi_span_index_add(x, out->id, sig)))
		return st;
	*last = out->id;
	out->represents = out->is_new = 1;
	return NG_OK;
}

struct ngi_claim_stage {
	ngi_span_index *claims;
	uint64_t last; /* the last claim's id */
};

ng_status ngi_claim_stage_open(ngi_claim_stage **out)
{
	ngi_claim_stage *s = calloc(1, sizeof *s);
	*out = s;
	if (!s)
		return NG_ERR_NOMEM;
	return ngi_span_index_new(&ngi_claim_rule, &s->claims);
}

void ngi_claim_stage_close(ngi_claim_stage *s)
{
	if (!s)
		return;
	ngi_span_index_free(s->claims);
	free(s);
}

ng_status ngi_claim_stage_add(ngi_claim_stage *s, ngi_pending *p, ngi_arena *a)
{
	if (p->copies_given != NGI_COPIES_STORED)
		return NG_OK;
	size_t n = p->f.claims.n_claims;
	uint64_t *ids = n ? ngi_arena_zalloc(a, n * sizeof *ids) : NULL;
	uint64_t *matches = n ? ngi_arena_zalloc(a, n * sizeof *matches) : NULL;
	if (n && (!ids || !matches))
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		ngi_span_sig sig = ngi_claim_sig(p, i);
		ngi_claim_placed got;
		ng_status st = ngi_claim_place(s->claims, &s->last, p, i, ids,
					       &sig, &got);
		if (st)
			return st;
		ids[i] = got.id;
		matches[i] = got.matched;
	}
	p->claims_given = 1;
	p->claim_matches = matches;
	return NG_OK;
}
