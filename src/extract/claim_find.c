/*
 * claim_find.c: the claims of one document, found by their cues.
 *
 * Three shapes, by the cue's flags (claim_cues.tsv):
 *   a verb with a complement ("asserts that", "alleged that", "berichtet,
 *   dass", "утверждает, что", "accused Russia of ..."): the claim is the
 *   clause after the complementiser, or the rest of the sentence when none
 *   follows (a cue marked "need" is then no claim: "an alleged call"); the
 *   claimant is the verb's subject (claim_spans.c), or, past a relative
 *   word with no name in the subject ("a book by Bob Woodward hit the
 *   stands which alleged"), the nearest person or organisation before it
 *   in the sentence;
 *   an agent cue ("according to Y", "selon", "laut", "по данным", "podle"):
 *   the claimant is the phrase after it, the claim the rest of the sentence;
 *   a claim noun followed by a preposition ("claims of", "reports about",
 *   "Vorwürfe der", "Behauptungen über"): the claim is the phrase after it,
 *   the claimant the words before the noun ("Western media claims"); a noun
 *   directly followed by a claim verb ("media reports claiming that") is left
 *   to the verb, whose subject then reads through the noun.
 * An adverb or adjective cue ("allegedly", "angeblich", "якобы") makes a
 * claim of its whole sentence only when no other cue there did. A cue with
 * a negation one to three words before it ("did not allege") is no claim.
 * A sentence that points back with a demonstrative and a claim noun
 * ("These allegations were highlighted in a new book by Bob Woodward,
 * which asserts that ...") restates the claim before it (same_as).
 */
#include "claim_int.h"

#define COMP_LOOKAHEAD 3
#define OBJECT_WORDS 20
#define AGENT_WORDS 8
#define ANAPHORA_SENTENCES 3
#define NEAR_TOKENS 40 /* how far back a relative clause's name may be */
#define PASSIVE_WORDS 4
#define ADJ_PER_SENTENCE 4

/* The last token of sentence s that is not punctuation, plus one; the
 * sentence's first token when it has none. */
static uint32_t sentence_words_end(const ngi_doc *d, uint32_t s)
{
	const ngi_sentence *se = &d->sentences[s];
	uint32_t end = se->first_token + se->n_tokens;
	while (end > se->first_token && d->tokens[end - 1].kind == NGI_TOK_PUNCT)
		end--;
	return end;
}

static void set_content(const ngi_claim_run *r, ngi_claim *c, uint32_t first,
			uint32_t last)
{
	const ngi_doc *d = r->doc;
	c->start = d->tokens[first].start;
	c->end = d->tokens[last - 1].end;
}

static void set_claimant(const ngi_claim_run *r, ngi_claim *c, ngi_phrase p)
{
	const ngi_doc *d = r->doc;
	c->claimant = p.mention;
	if (p.first < p.last) {
		c->claimant_start = d->tokens[p.first].start;
		c->claimant_end = d->tokens[p.last - 1].end;
	} else if (p.mention >= 0) {
		c->claimant_start = r->m[p.mention].start;
		c->claimant_end = r->m[p.mention].end;
	} else {
		c->claimant_start = c->claimant_end = c->cue_start;
	}
}

/* The complementiser within a few words after token at, or 0. */
static uint32_t find_comp(const ngi_claim_run *r, uint32_t at, uint32_t end)
{
	for (uint32_t j = at, n = 0; j < end && n < COMP_LOOKAHEAD; j++) {
		const ngi_token *t = &r->doc->tokens[j];
		if (r->mk[j].fw & NGI_FW_COMP)
			return j;
		if (t->kind != NGI_TOK_PUNCT)
			n++;
	}
	return 0;
}

/* The auxiliary of a participle cue at token i used as a passive ("Mr
 * Trump and Russia were accused of", "Einmal wurden wir dafür
 * beschuldigt"): a pass word at most PASSIVE_WORDS words before it in its
 * clause, into *aux; 0 when there is none. */
static int passive_aux(const ngi_claim_run *r, uint32_t i, uint32_t sfirst,
		       uint32_t *aux)
{
	if (!(r->mk[i].flags & NGI_CF_PP))
		return 0;
	for (uint32_t j = i, n = 0; j > sfirst && n < PASSIVE_WORDS; n++) {
		j--;
		if (r->doc->tokens[j].kind == NGI_TOK_PUNCT)
			return 0;
		if (r->mk[j].fw & NGI_FW_PASS) {
			*aux = j;
			return 1;
		}
	}
	return 0;
}

/* Where a passive's claim opens: at the subject after the auxiliary when
 * a word stands between them ("Einmal wurden wir dafür beschuldigt"),
 * else at the subject phrase before it ("Mr Trump and Russia were
 * accused"), else right after the auxiliary. */
static uint32_t passive_subject(const ngi_claim_run *r, uint32_t aux,
				uint32_t cue)
{
	for (uint32_t j = aux + 1; j < cue; j++)
		if (!(r->mk[j].fw & NGI_FW_SKIP))
			return aux + 1;
	int ignored;
	ngi_phrase s = ngi_claim_subject(r, aux, 1, &ignored);
	return s.first < s.last ? s.first : aux + 1;
}

/* A verb cue at token i (n tokens): 1 when it made claim c. */
static int verb_claim(const ngi_claim_run *r, uint32_t i, uint32_t sfirst,
		      uint32_t wend, ngi_claim *c)
{
	const ngi_cue_mark *mk = &r->mk[i];
	const ngi_doc *d = r->doc;
	uint32_t after = i + mk->n_tok;
	/* "reports claiming that": the second cue's. */
	if (after < wend && r->mk[after].kind && r->mk[after].kind < NGI_CW_DENY &&
	    (r->mk[after].flags & NGI_CF_THAT))
		return 0;
	uint32_t comp = find_comp(r, after, wend);
	if (!comp && (mk->flags & NGI_CF_NEED))
		return 0;
	uint32_t first = comp ? comp + 1 : after;
	while (first < wend && d->tokens[first].kind == NGI_TOK_PUNCT)
		first++;
	if (first >= wend)
		return 0;
	uint32_t aux;
	if (passive_aux(r, i, sfirst, &aux)) {
		/* The subject is who is accused: the claim opens with it (or
		 * right after the auxiliary when the subject follows it), and
		 * the article names no claimant here. */
		if (!comp)
			first = passive_subject(r, aux, i);
		set_content(r, c, first, wend);
		set_claimant(r, c, (ngi_phrase){i, i, -1});
		return 1;
	}
	set_content(r, c, first, wend);
	int rel = 0;
	ngi_phrase p = ngi_claim_subject(r, i, 1, &rel);
	if (p.mention < 0 && rel) {
		uint32_t s0 = d->sentences[d->tokens[i].sentence].start;
		int32_t near = ngi_claim_mention_near(r, d->tokens[i].start, s0, -1,
						      0);
		/* The naming phrase is read back from the name, which must
		 * stand within NEAR_TOKENS of the cue. */
		uint32_t k = i, steps = 0;
		while (near >= 0 && k > 0 && steps < NEAR_TOKENS &&
		       d->tokens[k - 1].start >= r->m[near].end)
			k--, steps++;
		if (near >= 0 && (k == 0 || d->tokens[k - 1].start < r->m[near].end)) {
			int ignored;
			ngi_phrase q = ngi_claim_subject(r, k, 1, &ignored);
			p.mention = near;
			p.first = q.first < q.last ? q.first : i;
			p.last = q.first < q.last ? q.last : i;
		}
	}
	set_claimant(r, c, p);
	return 1;
}

/* An agent cue at token i. */
static int agent_claim(const ngi_claim_run *r, uint32_t i, uint32_t sfirst,
		       uint32_t wend, ngi_claim *c)
{
	const ngi_doc *d = r->doc;
	uint32_t after = i + r->mk[i].n_tok;
	ngi_phrase p = ngi_claim_after(r, after, AGENT_WORDS, 0);
	if (p.first == p.last)
		return 0;
	uint32_t before = i;
	while (before > sfirst && d->tokens[before - 1].kind == NGI_TOK_PUNCT)
		before--;
	if (before > sfirst) {
		set_content(r, c, sfirst, before);
	} else {
		uint32_t first = p.last;
		while (first < wend && d->tokens[first].kind == NGI_TOK_PUNCT)
			first++;
		if (first >= wend)
			return 0;
		set_content(r, c, first, wend);
	}
	set_claimant(r, c, p);
	return 1;
}

/* A claim noun at token i. */
static int noun_claim(const ngi_claim_run *r, uint32_t i, uint32_t wend,
		      ngi_claim *c)
{
	uint32_t j = i + 1;
	if (j >= wend)
		return 0;
	const ngi_cue_mark *next = &r->mk[j];
	if (next->kind && next->kind < NGI_CW_DENY)
		return 0; /* "reports claiming that": the verb's */
	if (!(next->fw & (NGI_FW_PREP | NGI_FW_COMP)))
		return 0;
	if (next->fw & NGI_FW_COMP) {
		if (j + 1 >= wend)
			return 0;
		set_content(r, c, j + 1, wend);
	} else {
		ngi_phrase o = ngi_claim_after(r, j + 1, OBJECT_WORDS, 1);
		if (o.first == o.last)
			return 0;
		set_content(r, c, o.first, o.last);
	}
	int rel = 0;
	set_claimant(r, c, ngi_claim_subject(r, i, 0, &rel));
	return 1;
}

/* A claim whose cue stands in a quote ends with the quote: "Mr Trump and
 * Russia were accused of being connected,” Putin said" is claimed up to
 * the closing mark. Returns 0 when nothing of the claim is left in the
 * quote (its words were taken from before the quote: reply: "According
 * to ..."): no claim. */
static int clip_to_quote(const ngi_claim_run *r, ngi_claim *c)
{
	int32_t q = ngi_claim_quote_at(r, c->cue_start);
	if (q < 0)
		return 1;
	const ngi_doc *d = r->doc;
	uint32_t qs = r->q[q].start, qe = r->q[q].end;
	if (c->end <= qs || c->start >= qe)
		return 0;
	if (c->start < qs)
		c->start = qs;
	if (c->end <= qe)
		return 1;
	/* the last token of the claim that ends inside the quote and is not
	 * punctuation */
	uint32_t k = (uint32_t)ngi_doc_token_from(d, qe);
	while (k > 0 && (d->tokens[k - 1].end > qe ||
			 d->tokens[k - 1].kind == NGI_TOK_PUNCT))
		k--;
	if (k > 0 && d->tokens[k - 1].start >= c->start)
		c->end = d->tokens[k - 1].end;
	return c->start < c->end;
}

/* Whether token t is a possessive ("Trump's", "Russia’s": the norm has
 * the ASCII apostrophe). */
static int possessive(const ngi_token *t)
{
	return t->kind == NGI_TOK_WORD && t->norm && t->norm_len > 2 &&
	       t->norm[t->norm_len - 2] == '\'' && t->norm[t->norm_len - 1] == 's';
}

/* An adjective cue at token i qualifying a noun after a determiner or a
 * possessive ("Trump's alleged connections with Russia", "die angebliche
 * Einmischung Russlands"): the claim is that noun phrase, up to a
 * punctuation mark, a link word or another claim noun, without the
 * function words it ends on. 1 when it made claim c. */
static int adj_claim(const ngi_claim_run *r, uint32_t i, uint32_t sfirst,
		     uint32_t wend, ngi_claim *c)
{
	const ngi_doc *d = r->doc;
	uint32_t after = i + r->mk[i].n_tok;
	if (i == sfirst || after >= wend ||
	    d->tokens[after].kind != NGI_TOK_WORD || r->mk[after].fw)
		return 0;
	const ngi_token *prev = &d->tokens[i - 1];
	if (!(r->mk[i - 1].fw & NGI_FW_DET) && !possessive(prev))
		return 0;
	ngi_phrase o = ngi_claim_after(r, after, OBJECT_WORDS, 1);
	uint32_t last = o.last;
	while (last > after && (r->mk[last - 1].fw || d->tokens[last - 1].stop))
		last--;
	if (last <= after)
		return 0;
	set_content(r, c, i - 1, last);
	set_claimant(r, c, (ngi_phrase){i, i, -1});
	return 1;
}

/* Whether byte b lies in a claim of out[from..n). */
static int inside_claims(const ngi_claim *out, size_t from, size_t n, uint32_t b)
{
	for (size_t k = from; k < n; k++)
		if (out[k].start <= b && b < out[k].end)
			return 1;
	return 0;
}

static int push(ngi_claim *out, size_t *n, size_t cap, const ngi_claim *c)
{
	if (*n >= cap)
		return 0;
	out[(*n)++] = *c;
	return 1;
}

void ngi_claim_find_all(const ngi_claim_run *r, ngi_claim *out, size_t *n,
			size_t cap)
{
	const ngi_doc *d = r->doc;
	for (uint32_t s = 0; s < d->n_sentences && *n < cap; s++) {
		const ngi_sentence *se = &d->sentences[s];
		uint32_t sfirst = se->first_token;
		uint32_t wend = sentence_words_end(d, s);
		size_t at_start = *n;
		int32_t adv = -1;
		uint32_t adj[ADJ_PER_SENTENCE];
		size_t n_adj = 0;
		for (uint32_t i = sfirst; i < wend; i++) {
			const ngi_cue_mark *mk = &r->mk[i];
			int claim_cue = mk->kind && mk->kind < NGI_CW_DENY;
			if (!claim_cue && !mk->noun_kind)
				continue;
			if (ngi_claim_negated(r, i))
				continue;
			ngi_claim c = {0};
			c.sentence = s;
			c.claimant = -1;
			c.same_as = -1;
			const ngi_token *t = &d->tokens[i];
			c.cue_start = t->start;
			int made = 0;
			if (claim_cue) {
				c.kind = mk->kind;
				c.cue_end = d->tokens[i + mk->n_tok - 1].end;
				if (mk->flags & NGI_CF_ADV) {
					if (adv < 0)
						adv = (int32_t)i;
				} else if (mk->flags & NGI_CF_AGENT) {
					made = agent_claim(r, i, sfirst, wend, &c);
				} else if (mk->flags & NGI_CF_THAT) {
					made = verb_claim(r, i, sfirst, wend, &c);
				}
			}
			if (!made && mk->noun_kind) {
				c.kind = mk->noun_kind;
				c.cue_end = t->end;
				made = noun_claim(r, i, wend, &c);
			}
			if (!made && (mk->flags & NGI_CF_ADJ) && claim_cue &&
			    n_adj < ADJ_PER_SENTENCE)
				adj[n_adj++] = i;
			if (made)
				made = clip_to_quote(r, &c);
			if (made && !push(out, n, cap, &c))
				return;
			if (claim_cue && mk->n_tok > 1)
				i += mk->n_tok - 1U;
		}
		for (size_t k = 0; k < n_adj && *n < cap; k++) {
			ngi_claim c = {0};
			const ngi_cue_mark *mk = &r->mk[adj[k]];
			c.sentence = s;
			c.kind = mk->kind;
			c.claimant = -1;
			c.same_as = -1;
			c.cue_start = d->tokens[adj[k]].start;
			c.cue_end = d->tokens[adj[k] + mk->n_tok - 1].end;
			if (!inside_claims(out, at_start, *n, c.cue_start) &&
			    adj_claim(r, adj[k], sfirst, wend, &c) &&
			    clip_to_quote(r, &c))
				push(out, n, cap, &c);
		}
		if (*n == at_start && adv >= 0 && wend > sfirst) {
			ngi_claim c = {0};
			c.sentence = s;
			c.kind = r->mk[adv].kind;
			c.cue_start = d->tokens[adv].start;
			c.cue_end = d->tokens[adv + r->mk[adv].n_tok - 1].end;
			set_content(r, &c, sfirst, wend);
			c.claimant = -1;
			c.same_as = -1;
			c.claimant_start = c.claimant_end = c.cue_start;
			push(out, n, cap, &c);
		}
		/* "These allegations were highlighted in a book ..., which
		 * asserts that": the sentence's claims restate the one
		 * before (from at most ANAPHORA_SENTENCES back). */
		if (*n > at_start && at_start > 0 &&
		    out[at_start - 1].sentence + ANAPHORA_SENTENCES >= s &&
		    ngi_claim_anaphora(r, sfirst, wend)) {
			int32_t prev = (int32_t)at_start - 1;
			if (out[prev].same_as >= 0)
				prev = out[prev].same_as;
			for (size_t k = at_start; k < *n; k++)
				out[k].same_as = prev;
		}
	}
}
