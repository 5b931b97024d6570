/*
 * reuse.c: rewrites and partial reuse, the copies MinHash cannot see.
 *
 * Candidates are the earlier articles that share verbatim anchors with the
 * new one (a quotation, or at least NGI_REUSE_MIN_ANCHORS sampled 4-grams;
 * anchor_index.c), so the search stays sub-quadratic, each with the root of
 * its family of copies, earliest published first (the source of a family
 * is its likely original); then a few that share a single 4-gram. Up to
 * NGI_REUSE_VERIFY of them are verified carefully: the sentence sketch is
 * read back from the store and aligned with the new article's (align.c).
 * An article that is an exact copy of an earlier one is skipped (its reuse
 * is its twin's) unless it may be the twin's original: the edge made it
 * the original, or only the arrival order made it the copy.
 * The alignment decides the kind:
 *  - near: one article is almost all inside the other, nearly word for word
 *    (a truncation or a copy with a new lead that MinHash scored too low);
 *  - rewrite: reworded, but most sentences pair up in the same order;
 *  - partial: a run of consecutive near-verbatim sentences, the rest apart.
 * The edge carries its evidence: the largest aligned passages and the
 * quotations both articles carry, with byte offsets in each.
 */
#include <string.h>

#include "link_internal.h"

#define NGI_REUSE_MIN_ANCHORS 2   /* sampled 4-grams in common, no quote */
#define NGI_REUSE_WEAK 1          /* single-anchor candidates, last */
#define NGI_REUSE_VERIFY 12       /* candidates aligned per article */
#define NGI_REUSE_HITS 32

/* Rewrite: enough pairs, covering most of at least one article. */
#define NGI_REWRITE_MIN_PAIRS 3
#define NGI_REWRITE_MIN_COVER 0.5   /* the better-covered article */
#define NGI_REWRITE_MIN_OTHER 0.25  /* the other one */
/* ... and pairs that share at least half their content stems on average:
 * two reports of one event pair up many sentences loosely (names, numbers,
 * the topic's words) but a rewrite keeps most of each sentence's stems */
#define NGI_REWRITE_MIN_SIM 0.5
/* Near (containment): one side nearly all inside, nearly verbatim. */
#define NGI_CONTAIN_COVER 0.8
#define NGI_CONTAIN_VERBATIM 0.7
/* Partial: a verbatim block of at least this many sentences and words. */
#define NGI_PARTIAL_MIN_RUN 2
#define NGI_PARTIAL_MIN_WORDS 25
#define NGI_PARTIAL_VERBATIM 0.5   /* share of the pairs that are verbatim */
/* Direction by coverage needs a clear difference. */
#define NGI_CONTAIN_MARGIN 0.1

/* The earliest original above an article: root[] is updated only one level
 * when an original arrives after its copies, so follow it up (bounded). */
static uint32_t family_root(const ngi_copy_index *ci, uint32_t seq)
{
	for (int i = 0; i < 8 && ci->root[seq] != seq; i++)
		seq = ci->root[seq];
	return seq;
}

/* When an article was published, in seconds, for ordering; unknown (or no
 * longer held by the copy index) last. The ring is read through its
 * accessors: a seq is not a slot once the ring has wrapped. */
static int64_t published(const ngi_copy_index *ci, uint32_t seq)
{
	int64_t t = ngi_copy_index_time(ci, seq);
	if (t != NGI_TIME_UNKNOWN)
		return t;
	int32_t day = ngi_copy_index_day(ci, seq);
	if (day != NGI_DAY_UNKNOWN)
		return (int64_t)day * 86400;
	return INT64_MAX;
}

static int classify(const ngi_alignment *al, double *score)
{
	double hi = al->coverage_a > al->coverage_b ? al->coverage_a : al->coverage_b;
	double lo = al->coverage_a > al->coverage_b ? al->coverage_b : al->coverage_a;
	double verbatim = al->pairs ? (double)al->verbatim_pairs / al->pairs : 0;
	if (hi >= NGI_CONTAIN_COVER && verbatim >= NGI_CONTAIN_VERBATIM &&
	    al->pairs >= NGI_PARTIAL_MIN_RUN) {
		*score = hi;
		return NGI_COPY_NEAR;
	}
	int block = al->longest_run >= NGI_PARTIAL_MIN_RUN &&
		    al->longest_run_words >= NGI_PARTIAL_MIN_WORDS;
	/* mostly copied word for word, and one article (the host) mostly
	 * its own: a lifted block, however large, not a rewrite (the host's
	 * other sentences may still pair loosely when it is on the topic) */
	if (block && verbatim >= NGI_PARTIAL_VERBATIM && lo < NGI_CONTAIN_COVER) {
		*score = hi;
		return NGI_COPY_PARTIAL;
	}
	if (al->pairs >= NGI_REWRITE_MIN_PAIRS && hi >= NGI_REWRITE_MIN_COVER &&
	    lo >= NGI_REWRITE_MIN_OTHER && al->mean_sim >= NGI_REWRITE_MIN_SIM) {
		*score = (hi + lo) / 2 * al->mean_sim;
		return NGI_COPY_REWRITE;
	}
	if (block) {
		*score = hi;
		return NGI_COPY_PARTIAL;
	}
	return 0;
}

/* How many of x's quotations y carries too. */
static uint32_t quotes_in(const ngi_text_sketch *x, const ngi_text_sketch *y)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < x->n_quotes; i++)
		for (uint32_t j = 0; j < y->n_quotes; j++)
			if (x->quotes[i].hash == y->quotes[j].hash) {
				n++;
				break;
			}
	return n;
}

/* When dates cannot tell, a copy is the one that lies inside the other: it
 * carries only quotations the original has (and the original has more), or
 * a clearly larger share of it is aligned. Returns 1 when the new article
 * (alignment side a) is the copy, -1 when the old one is, 0 undecided.
 * Partial reuse lies inside neither: both articles have text of their own
 * around the block, and which has more says nothing about who lifted it. */
static int containment(const ngi_alignment *al, int kind,
		       const ngi_text_sketch *mine, const ngi_text_sketch *theirs)
{
	if (kind == NGI_COPY_PARTIAL)
		return 0;
	uint32_t shared = quotes_in(mine, theirs);
	if (shared && shared == mine->n_quotes && theirs->n_quotes > shared)
		return 1;
	if (shared && shared == theirs->n_quotes && mine->n_quotes > shared)
		return -1;
	if (al->coverage_a > al->coverage_b + NGI_CONTAIN_MARGIN)
		return 1;
	if (al->coverage_b > al->coverage_a + NGI_CONTAIN_MARGIN)
		return -1;
	return 0;
}

/* Evidence in the edge's orientation: the new article is alignment side a. */
static void add_evidence(ngi_copy_edge *e, uint32_t seq, const ngi_alignment *al,
			 const ngi_text_sketch *mine, const ngi_text_sketch *theirs)
{
	int new_is_copy = e->copy == seq;
	for (int i = 0; i < al->n_passages && e->n_evidence < NGI_MAX_EVIDENCE - 2; i++) {
		const ngi_passage *p = &al->passages[i];
		ngi_evidence ev = {NGI_EVIDENCE_PASSAGE, 0, 0, 0, 0, p->sim};
		ev.copy_start = new_is_copy ? p->a_start : p->b_start;
		ev.copy_end = new_is_copy ? p->a_end : p->b_end;
		ev.original_start = new_is_copy ? p->b_start : p->a_start;
		ev.original_end = new_is_copy ? p->b_end : p->a_end;
		e->evidence[e->n_evidence++] = ev;
	}
	for (uint32_t i = 0; i < mine->n_quotes; i++)
		for (uint32_t j = 0; j < theirs->n_quotes; j++) {
			if (mine->quotes[i].hash != theirs->quotes[j].hash ||
			    e->n_evidence == NGI_MAX_EVIDENCE)
				continue;
			const ngi_quote_span *m = &mine->quotes[i], *t = &theirs->quotes[j];
			ngi_evidence ev = {NGI_EVIDENCE_QUOTE, 0, 0, 0, 0, 1.0f};
			ev.copy_start = new_is_copy ? m->start : t->start;
			ev.copy_end = new_is_copy ? m->end : t->end;
			ev.original_start = new_is_copy ? t->start : m->start;
			ev.original_end = new_is_copy ? t->end : m->end;
			e->evidence[e->n_evidence++] = ev;
			break;
		}
}

ng_status ngi_reuse_find(ngi_copy_index *ci, const ngi_link_config *c,
			 const ngi_link_article *a, uint32_t seq,
			 ngi_copy_edge *edges, int *n, int max_edges)
{
	if (!c->fetch_sketch || !a->sketch || !a->n_anchors || *n >= max_edges)
		return NG_OK;
	/* an exact copy's reuse is its original's; but when the new article is
	 * the original of its earlier twin, copies that came before it (and
	 * were linked to the twin) are its own copies; and when only the
	 * arrival order made it the copy (a date missing), it may be */
	uint32_t twin_family = UINT32_MAX;
	for (int i = 0; i < *n; i++)
		if (edges[i].kind == NGI_COPY_EXACT) {
			if (edges[i].copy != seq)
				twin_family = family_root(ci, edges[i].copy);
			else if (edges[i].why != NGI_WHY_EARLIER_INGESTED)
				return NG_OK;
		}
	ngi_anchor_hit hits[NGI_REUSE_HITS];
	int n_hits = ngi_anchor_index_query(&ci->anchors, a->anchors, a->n_anchors,
					    a->n_quote_anchors, hits, NGI_REUSE_HITS);
	/* each qualifying hit brings its family's original first (a copy of a
	 * copy is linked to the original when the text bears it out) */
	uint32_t cand[2 * NGI_REUSE_HITS];
	int n_cand = 0;
	for (int h = 0; h < n_hits; h++) {
		if (hits[h].quotes == 0 && hits[h].shared < NGI_REUSE_MIN_ANCHORS)
			continue;
		uint32_t two[2] = {family_root(ci, hits[h].seq), hits[h].seq};
		for (int k = 0; k < 2; k++) {
			int dup = 0;
			for (int j = 0; j < n_cand; j++)
				dup |= cand[j] == two[k];
			if (!dup)
				cand[n_cand++] = two[k];
		}
	}
	/* earliest published first: of a family of similar texts the source is
	 * the likely original, and edges per article are few */
	for (int i = 1; i < n_cand; i++) {
		uint32_t x = cand[i];
		int64_t tx = published(ci, x);
		int j = i;
		for (; j > 0 && published(ci, cand[j - 1]) > tx; j--)
			cand[j] = cand[j - 1];
		cand[j] = x;
	}
	/* then a few that share a single sampled 4-gram: a lifted paragraph or
	 * a rewrite of a short article may keep no more, and verifying is
	 * what decides */
	int weak = 0;
	for (int h = 0; h < n_hits && weak < NGI_REUSE_WEAK; h++) {
		if (hits[h].quotes || hits[h].shared >= NGI_REUSE_MIN_ANCHORS)
			continue;
		int dup = 0;
		for (int j = 0; j < n_cand; j++)
			dup |= cand[j] == hits[h].seq;
		if (!dup) {
			cand[n_cand++] = hits[h].seq;
			weak++;
		}
	}
	int verified = 0;
	ng_status st = NG_OK;
	for (int h = 0; h < n_cand && verified < NGI_REUSE_VERIFY && *n < max_edges; h++) {
		uint32_t other = cand[h];
		if (ngi_copy_edge_has(edges, *n, seq, other))
			continue;
		ngi_text_sketch theirs;
		ngi_arena_reset(&ci->scratch);
		st = c->fetch_sketch(c->fetch_ctx, other, &ci->scratch, &theirs);
		if (st == NG_ERR_NOTFOUND || st == NG_ERR_INPUT) {
			st = NG_OK; /* no sketch stored: nothing to verify against */
			continue;
		}
		if (st)
			break;
		verified++;
		ngi_alignment al;
		if ((st = ngi_align(a->sketch, &theirs, &al)))
			break;
		double score = 0;
		int kind = classify(&al, &score);
		if (!kind)
			continue;
		ngi_copy_edge e = ngi_copy_edge_make(ci, seq, a, other, kind,
						     score > 1 ? 1 : score);
		if (e.why == NGI_WHY_EARLIER_INGESTED &&
		    family_root(ci, other) == twin_family) {
			/* the new article is the original of the identical text
			 * this one was found to copy: it inherits the family */
			e.copy = other;
			e.original = seq;
			e.why = NGI_WHY_FAMILY;
		} else if (e.why == NGI_WHY_EARLIER_INGESTED) {
			int inside = containment(&al, kind, a->sketch, &theirs);
			if (inside) {
				e.copy = inside > 0 ? seq : other;
				e.original = inside > 0 ? other : seq;
				e.why = NGI_WHY_CONTAINMENT;
			}
		}
		add_evidence(&e, seq, &al, a->sketch, &theirs);
		edges[(*n)++] = e;
	}
	ngi_arena_reset(&ci->scratch);
	return st;
}
