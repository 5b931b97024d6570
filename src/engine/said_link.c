/*
 * said_link.c: who said what, in the link stage (engine.h).
 *
 * For each article, in input order, after it is stored:
 *   - each direct quote joins the quote group of the same words said
 *     elsewhere (src/link/span_index.h; across languages through the pivot
 *     terms, more easily when the speaker is the same; a translation by
 *     the same speaker in the same story) or starts one; each piece of a
 *     split quote on its own words;
 *   - each claim joins the claim it repeats (the same kind of index, with
 *     the claimant's key; claim_stage.c, ngi_claim_place, which the
 *     distributed ingest also runs on another rank) or becomes a new
 *     claim, and is stored as a report of it by this article; a claim
 *     the article itself restates in other words (src/extract/claims.h,
 *     same_as) is that claim, and its words represent it in the index
 *     too;
 *   - each response is tied to the claim it answers: the one the article
 *     itself names, else the recent claim of the article's story whose
 *     terms it shares most;
 *   - each gets a date: a day-precise date resolved in its own sentence
 *     ("on Thursday"), else the article's publication date;
 *   - the article's stance (src/stance/stance.h) toward the recent claims
 *     of its story, its own among them, each claim as prepared from the
 *     report that brought it into the ring of recent claims.
 * Everything depends only on the order of the articles, so a resumed run
 * that restores the indexes from the store (ngi_said_open) goes on as one
 * uninterrupted run would.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Quote groups: the same words, or a close translation by the same
 * speaker, within two months (claims: ngi_claim_rule, claim_stage.c). The
 * numbers are first choices checked on the seed stories (docs/SAID.md). */
static const ngi_span_rule quote_rule = {.dice = 0.6, .dice_same_key = 0.3,
					 .min_shared = 2, .window_days = 60,
					 .capacity = 1u << 15};

/* A response with no claim of its own answers the recent claim of its
 * story sharing the most terms, at least this many. */
#define NGI_RESPONSE_MIN_SHARED 2

/* The claims and quote groups seen last (by their latest article): the
 * claims a response may answer, the quote groups a translation may join. */
#define NGI_RECENT 256

/* A quote in another language than its group's first, by the same
 * speaker, in the same story, joins the group when it shares this much of
 * the shorter one's terms (and NGI_RESPONSE_MIN_SHARED terms): dictionary
 * translation finds only some of a sentence's words. */
#define NGI_TRANSLATION_OVERLAP 0.3

/* Each article's stance is taken toward at most this many claims of its
 * story, the most recently reported first. */
#define NGI_STANCE_CLAIMS 16

typedef struct recent {
	uint64_t id;    /* 0: empty */
	uint32_t seq;   /* the latest article carrying it */
	uint64_t key;   /* quotes: the speaker's key hash */
	uint16_t lang;  /* quotes: ngi_link_lang of that article */
	uint64_t clock; /* when: the ring keeps the latest */
	/* claims: the report that brought it into the ring (article and
	 * index) and that report prepared for the stance model (in the
	 * slot's arena), NULL until prepared */
	uint32_t from_seq, from_idx;
	ngi_stance_text *stance;
} recent;

struct ngi_said_state {
	ngi_span_index *quotes, *claims;
	uint64_t last_group, last_claim;
	recent claims_seen[NGI_RECENT], quotes_seen[NGI_RECENT];
	ngi_arena claim_arenas[NGI_RECENT]; /* of claims_seen[i].stance */
	uint64_t clock;
	ngi_text_ctx *text;                 /* for claims prepared on reopening */
};

/* ---- the recent claims and quote groups ---------------------------------------- */
/* Touches id in ring; returns its slot, *fresh when it has just come in
 * (the slot's stance text is then gone). */
static size_t recent_touch(struct ngi_said_state *s, recent *ring, uint64_t id,
			   uint32_t seq, uint64_t key, uint16_t lang, int *fresh)
{
	size_t at = 0;
	int found = 0;
	for (size_t i = 0; i < NGI_RECENT; i++) {
		if (ring[i].id == id) {
			at = i;
			found = 1;
			break;
		}
		if (ring[i].clock < ring[at].clock)
			at = i; /* the empty or least recent slot */
	}
	if (found) {
		ring[at].seq = seq;
		ring[at].key = key;
		ring[at].lang = lang;
		ring[at].clock = ++s->clock;
	} else {
		ring[at] = (recent){id, seq, key, lang, ++s->clock, 0, 0, NULL};
		if (ring == s->claims_seen)
			ngi_arena_reset(&s->claim_arenas[at]);
	}
	if (fresh)
		*fresh = !found;
	return at;
}

/* The claim a response answers when its article names none: among the
 * claims this article reported (ids[0..n)) and the recent claims of its
 * story, the one sharing most terms (ties: the older claim). 0: none. */
static uint64_t guess_claim(ng_engine *e, const ngi_said_passage *rp,
			    const uint64_t *ids, size_t n, uint32_t story)
{
	struct ngi_said_state *s = e->said;
	uint64_t best = 0;
	uint32_t best_shared = NGI_RESPONSE_MIN_SHARED - 1;
	for (size_t k = 0; k < n + NGI_RECENT; k++) {
		uint64_t id;
		if (k < n) {
			id = ids[k];
		} else {
			const recent *r = &s->claims_seen[k - n];
			if (!r->id || ngi_link_story_of(e->link, r->seq) != story)
				continue;
			id = r->id;
		}
		const uint32_t *terms;
		uint32_t nt = ngi_span_index_terms(s->claims, id, &terms);
		uint32_t sh = (uint32_t)ngi_intersect_u32(rp->terms, rp->n_terms, terms, nt);
		if (sh > best_shared || (sh == best_shared && best && id < best)) {
			best_shared = sh;
			best = id;
		}
	}
	return best;
}

/* The quote group a quote in another language joins: the recent group of
 * the same speaker and story, in another language, sharing the most of
 * the shorter one's terms (NGI_TRANSLATION_OVERLAP); 0 for none. */
static uint64_t translated_group(ng_engine *e, const ngi_span_sig *sig,
				 uint16_t lang, uint32_t story)
{
	struct ngi_said_state *s = e->said;
	uint64_t best = 0;
	double best_score = 0;
	for (size_t k = 0; sig->key && k < NGI_RECENT; k++) {
		const recent *r = &s->quotes_seen[k];
		if (!r->id || r->key != sig->key || r->lang == lang ||
		    ngi_link_story_of(e->link, r->seq) != story)
			continue;
		const uint32_t *terms;
		uint32_t nt = ngi_span_index_terms(s->quotes, r->id, &terms);
		uint32_t sh = (uint32_t)ngi_intersect_u32(sig->terms, sig->n, terms, nt);
		uint32_t shorter = sig->n < nt ? sig->n : nt;
		double score = shorter ? (double)sh / shorter : 0;
		if (sh < NGI_RESPONSE_MIN_SHARED || score < NGI_TRANSLATION_OVERLAP)
			continue;
		if (score > best_score || (score == best_score && r->id < best)) {
			best_score = score;
			best = r->id;
		}
	}
	return best;
}

/* ---- dates ------------------------------------------------------------------ */
/* The date of a passage: a day-precise date the text resolves inside its
 * sentence (not one written out in full: "in 2021" or "on February 12,
 * 2022" inside a claim dates what is claimed, not the claim), else the
 * article's own publication day. NG_ERR_NOMEM when the copies cannot be
 * made (never a passage stored without the date it has). */
static ng_status passage_date(const ngi_pending *p, const ngi_said_passage *sp,
			      ngi_arena *a, const char **date, const char **source)
{
	*date = *source = NULL;
	for (size_t i = 0; i < p->f.n_timexes; i++) {
		const ngi_timex *t = &p->f.timexes[i];
		if (t->start < sp->sentence_start)
			continue;
		if (t->start >= sp->sentence_end)
			break;
		if (t->end > sp->sentence_end || strcmp(t->type, "DATE") ||
		    t->granularity != NGI_GRAN_DAY ||
		    t->anchor == NGI_ANCHOR_ABSOLUTE || t->anchor == NGI_ANCHOR_NONE)
			continue;
		size_t n = t->end - t->start;
		char *src = ngi_arena_alloc(a, n + sizeof "text: ");
		char *val = ngi_arena_strndup(a, t->value, 10);
		if (!src || !val)
			return NG_ERR_NOMEM;
		memcpy(src, "text: ", 6);
		memcpy(src + 6, p->text + t->start, n);
		src[6 + n] = '\0';
		*date = val;
		*source = src;
		return NG_OK;
	}
	if (p->f.published[0] >= '0' && p->f.published[0] <= '9') {
		if (!(*date = ngi_arena_strndup(a, p->f.published, 10)))
			return NG_ERR_NOMEM;
		*source = "article";
	}
	return NG_OK;
}

/* ---- rows --------------------------------------------------------------------- */
static ngi_span_text span_of(const ngi_pending *p, uint32_t start, uint32_t end)
{
	if (end <= start || end > p->text_len)
		return (ngi_span_text){NULL, 0};
	return (ngi_span_text){p->text + start, end - start};
}

static void entity_of(const ngi_pending *p, int32_t m, const char **name,
		      const char **key)
{
	*name = *key = NULL;
	if (m >= 0 && (size_t)m < p->f.n_mentions) {
		*name = p->f.mentions[m].name;
		*key = p->f.mentions[m].key;
	}
}

static const char *claim_kind_name(int kind)
{
	switch (kind) {
	case NGI_CLAIM_ALLEGATION: return "allegation";
	case NGI_CLAIM_REPORT: return "report";
	case NGI_CLAIM_ASSERTION: return "assertion";
	}
	return "claim";
}

static const char *response_name(int stance)
{
	switch (stance) {
	case NGI_RESPONSE_DENY: return "deny";
	case NGI_RESPONSE_CONFIRM: return "confirm";
	case NGI_RESPONSE_NO_COMMENT: return "no_comment";
	}
	return "respond";
}

static ng_status store_quotes(ng_engine *e, const ngi_pending *p, uint32_t seq,
			      uint32_t story, ngi_arena *a)
{
	uint16_t lang = ngi_link_lang(p->f.lang);
	struct ngi_said_state *s = e->said;
	const ngi_features *f = &p->f;
	ng_status st = NG_OK;
	for (size_t i = 0; i < f->n_quotes && !st; i++) {
		const ngi_quote *q = &f->quotes[i];
		const ngi_said_passage *sp = &f->quote_passages[i];
		ngi_said_row r = {.seq = seq, .idx = (uint32_t)i,
				  .start = q->cp_start, .end = q->cp_end,
				  .byte_start = q->start, .byte_end = q->end,
				  .text = span_of(p, q->start, q->end),
				  .as_written = span_of(p, q->as_written_start,
							q->as_written_end),
				  .cue = span_of(p, q->cue_start, q->cue_end),
				  .direct = q->direct, .first_piece = q->first_piece};
		entity_of(p, q->speaker, &r.name, &r.key);
		if ((st = passage_date(p, sp, a, &r.date, &r.date_source)))
			break;
		/* each piece of a split quote on its own words: another
		 * article may carry only one of them */
		if (q->direct && sp->n_terms + (sp->words != 0) > 0) {
			ngi_span_sig sig = ngi_said_sig(p, sp, r.key);
			uint64_t g = ngi_span_index_match(s->quotes, &sig);
			if (!g)
				g = translated_group(e, &sig, lang, story);
			if (g) {
				ngi_span_index_touch(s->quotes, g, sig.day);
			} else {
				g = s->last_group + 1;
				if ((st = ngi_span_index_add(s->quotes, g, &sig)) ||
				    (st = ngi_store_new_quote_group(e->store, g, seq, r.text,
								    r.name, r.key, &sig)))
					break;
				s->last_group = g;
			}
			r.group = g;
		}
		if (r.group)
			recent_touch(s, s->quotes_seen, r.group, seq,
				     ngi_span_key_hash(r.key), lang, NULL);
		st = ngi_store_insert_quote(e->store, &r);
	}
	return st;
}

static ng_status store_claims(ng_engine *e, const ngi_pending *p, uint32_t seq,
			      uint32_t story, ngi_arena *a)
{
	struct ngi_said_state *s = e->said;
	const ngi_claims *c = &p->f.claims;
	uint64_t *ids = c->n_claims ? ngi_arena_zalloc(a, c->n_claims * 8) : NULL;
	if (c->n_claims && !ids)
		return NG_ERR_NOMEM;
	ng_status st = NG_OK;
	for (size_t i = 0; i < c->n_claims && !st; i++) {
		const ngi_claim *cl = &c->claims[i];
		const ngi_said_passage *sp = &p->f.claim_passages[i];
		ngi_said_row r = {.seq = seq, .idx = (uint32_t)i,
				  .start = cl->cp_start, .end = cl->cp_end,
				  .byte_start = cl->start, .byte_end = cl->end,
				  .text = span_of(p, cl->start, cl->end),
				  .as_written = span_of(p, cl->claimant_start,
							cl->claimant_end),
				  .cue = span_of(p, cl->cue_start, cl->cue_end),
				  .kind = claim_kind_name(cl->kind)};
		entity_of(p, cl->claimant, &r.name, &r.key);
		if ((st = passage_date(p, sp, a, &r.date, &r.date_source)))
			break;
		ngi_span_sig sig = ngi_claim_sig(p, i);
		ngi_claim_placed got;
		if ((st = ngi_claim_place(s->claims, &s->last_claim, p, i, ids,
					  &sig, &got)))
			break;
		if (got.is_new && (st = ngi_store_new_claim(e->store, got.id, &r)))
			break;
		/* the words are stored when they represent the claim */
		const ngi_span_sig *rep = got.represents ? &sig : NULL;
		uint64_t id = got.id;
		ids[i] = id;
		r.group = id;
		if ((st = ngi_store_insert_claim_report(e->store, &r, rep)))
			break;
		int fresh;
		size_t slot = recent_touch(s, s->claims_seen, id, seq, 0, 0, &fresh);
		recent *rc = &s->claims_seen[slot];
		if (fresh) {
			rc->from_seq = seq;
			rc->from_idx = (uint32_t)i;
			if (p->f.claim_stances && p->f.claim_stances[i] &&
			    (st = ngi_stance_text_copy(p->f.claim_stances[i],
						       &s->claim_arenas[slot],
						       &rc->stance)))
				break;
		}
	}
	for (size_t i = 0; i < c->n_responses && !st; i++) {
		const ngi_response *rs = &c->responses[i];
		const ngi_said_passage *sp = &p->f.response_passages[i];
		ngi_said_row r = {.seq = seq, .idx = (uint32_t)i,
				  .start = rs->cp_start, .end = rs->cp_end,
				  .byte_start = rs->start, .byte_end = rs->end,
				  .text = span_of(p, rs->start, rs->end),
				  .as_written = span_of(p, rs->responder_start,
							rs->responder_end),
				  .cue = span_of(p, rs->cue_start, rs->cue_end),
				  .kind = response_name(rs->stance)};
		entity_of(p, rs->responder, &r.name, &r.key);
		if ((st = passage_date(p, sp, a, &r.date, &r.date_source)))
			break;
		if (rs->claim >= 0 && (size_t)rs->claim < c->n_claims)
			r.group = ids[rs->claim];
		else
			r.group = guess_claim(e, sp, ids, c->n_claims, story);
		st = ngi_store_insert_response(e->store, &r);
	}
	return st;
}

static int by_clock_desc(const void *a, const void *b)
{
	const recent *x = *(const recent *const *)a, *y = *(const recent *const *)b;
	return (x->clock < y->clock) - (x->clock > y->clock);
}

/* The article's stance toward the recent claims of its story (its own
 * among them), the most recently reported first. */
static ng_status store_stances(ng_engine *e, const ngi_pending *p, uint32_t seq,
			       uint32_t story)
{
	struct ngi_said_state *s = e->said;
	if (!p->f.stance_body)
		return NG_OK;
	const recent *mine[NGI_RECENT];
	size_t n = 0;
	for (size_t i = 0; i < NGI_RECENT; i++) {
		const recent *r = &s->claims_seen[i];
		if (r->id && r->stance && ngi_link_story_of(e->link, r->seq) == story)
			mine[n++] = r;
	}
	qsort(mine, n, sizeof *mine, by_clock_desc);
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && i < NGI_STANCE_CLAIMS && !st; i++) {
		ngi_stance_result res;
		if ((st = ngi_stance_classify(mine[i]->stance, p->f.stance_body, &res)))
			break;
		st = ngi_store_insert_stance(e->store, seq, mine[i]->id,
					     ngi_stance_name(res.label),
					     res.score[res.label]);
	}
	return st;
}

ng_status ngi_said_store(ng_engine *e, const ngi_pending *p, uint32_t seq,
			 uint32_t story)
{
	ngi_arena a;
	ngi_arena_init(&a, 4096);
	ng_status st = store_quotes(e, p, seq, story, &a);
	if (!st)
		st = store_claims(e, p, seq, story, &a);
	if (!st)
		st = store_stances(e, p, seq, story);
	ngi_arena_free(&a);
	return st;
}

/* ---- opening and closing ------------------------------------------------------ */
static ng_status restore_group(void *ctx, uint64_t id, const ngi_span_sig *sig)
{
	return ngi_span_index_add(ctx, id, sig);
}

static ng_status restore_report(void *ctx, uint64_t claim, uint32_t seq,
				 uint32_t idx)
{
	struct ngi_said_state *s = ctx;
	int fresh;
	size_t slot = recent_touch(s, s->claims_seen, claim, seq, 0, 0, &fresh);
	if (fresh) {
		s->claims_seen[slot].from_seq = seq;
		s->claims_seen[slot].from_idx = idx;
	}
	return NG_OK;
}

/* The claims in the ring prepared again from the reports that brought
 * them in, as they were prepared when those articles were analysed. */
static ng_status restore_stances(ng_engine *e)
{
	struct ngi_said_state *s = e->said;
	ng_status st = NG_OK;
	for (size_t i = 0; i < NGI_RECENT && !st; i++) {
		recent *r = &s->claims_seen[i];
		if (!r->id)
			continue;
		ngi_arena *a = &s->claim_arenas[i];
		ngi_arena scratch;
		ngi_arena_init(&scratch, 16 << 10);
		const char *text;
		size_t len;
		char lang[8];
		ngi_doc d;
		st = ngi_store_claim_report_text(e->store, r->from_seq, r->from_idx,
						 &scratch, &text, &len, lang);
		if (!st)
			st = ngi_text_analyze(s->text, text, len, lang[0] ? lang : NULL,
					      &scratch, &d);
		if (!st) {
			st = ngi_stance_prepare(&d, a, &r->stance);
			if (st == NG_ERR_INTERNAL) /* no model: no stances */
				st = NG_OK;
		}
		ngi_arena_free(&scratch);
	}
	return st;
}

static ng_status restore_quote(void *ctx, uint64_t group, uint32_t seq,
			       const char *key, const char *lang)
{
	struct ngi_said_state *s = ctx;
	recent_touch(s, s->quotes_seen, group, seq, ngi_span_key_hash(key),
		     ngi_link_lang(lang ? lang : ""), NULL);
	return NG_OK;
}

ng_status ngi_said_open(ng_engine *e)
{
	struct ngi_said_state *s = calloc(1, sizeof *s);
	if (!s)
		return NG_ERR_NOMEM;
	e->said = s;
	for (size_t i = 0; i < NGI_RECENT; i++)
		ngi_arena_init(&s->claim_arenas[i], 4096);
	ng_status st;
	if ((st = ngi_text_ctx_new(&s->text)) ||
	    (st = ngi_span_index_new(&quote_rule, &s->quotes)) ||
	    (st = ngi_span_index_new(&ngi_claim_rule, &s->claims)) ||
	    (st = ngi_store_said_last_ids(e->store, &s->last_group, &s->last_claim)))
		return st;
	/* the groups the index would still hold, in the order they came */
	uint64_t qcap = quote_rule.capacity, ccap = ngi_claim_rule.capacity;
	if ((st = ngi_store_each_quote_group(e->store, s->last_group > qcap
					     ? s->last_group - qcap : 0,
					     restore_group, s->quotes)) ||
	    (st = ngi_store_each_claim(e->store, ccap, restore_group, s->claims)))
		return st;
	/* the rings, as the articles filled them: reports and quotes of one
	 * article were touched claims first, then quotes; each ring is
	 * filled in its own order, so replaying them one after the other
	 * gives the same rings but for the shared clock, which only orders
	 * slots within a ring */
	if ((st = ngi_store_each_claim_report(e->store, 0, restore_report, s)) ||
	    (st = ngi_store_each_grouped_quote(e->store, 0, restore_quote, s)))
		return st;
	return restore_stances(e);
}

void ngi_said_close(ng_engine *e)
{
	if (!e->said)
		return;
	ngi_span_index_free(e->said->quotes);
	ngi_span_index_free(e->said->claims);
	for (size_t i = 0; i < NGI_RECENT; i++)
		ngi_arena_free(&e->said->claim_arenas[i]);
	ngi_text_ctx_free(e->said->text);
	free(e->said);
	e->said = NULL;
}
