/*
 * response_find.c: the responses of one document to claims: denials,
 * confirmations and refusals to comment, found by their cues
 * (response_cues.tsv).
 *
 * A verb cue ("denied", "bestritten", "опроверг", "declined to comment")
 * is answered by its subject (claim_spans.c); with no naming phrase before
 * it (a pronoun: "he denied"), by the speaker of the quote holding it, else
 * by the person or organisation that opens its sentence (a verb at the
 * clause's end: "Putin hat ... abgetan"), else by the nearest person named
 * before it in this sentence or the three before. Words of the answer itself ("There was no
 * conversation", "utter nonsense", "pure fiction", "Unsinn", "чушь") are
 * answered by the speaker of the quote holding them, else by the person or
 * organisation the sentence names after them ("... are false, Kremlin
 * Spokesman Dmitry Peskov said"), else the person or organisation opening
 * the sentence ("Putin hat ... als „völligen Unsinn“ abgetan"), else the
 * nearest before them (before the first complementiser when one comes
 * first: "Mueller concluded that there was no evidence"), else after,
 * else by the person in the three sentences before ("“There was no
 * conversation,” he said": the pronoun's person, resolved by position
 * alone: the person opening one of them, nearest first, else the nearest
 * person named there).
 *
 * What is no response: a phrase the lexicon marks "none" ("yet to be
 * confirmed", "false flag"), which hides the cue word inside it; a cue
 * with a negation one to three words before it
 * ("did not deny", "nicht bestritten", "не опроверг"); "dismissed" with no
 * "as" after it; a separable verb without its particle ("wies" with no
 * "zurück": "wies darauf hin"); an evaluative adjective ("false", "groundless", "fake")
 * that neither follows a link word ("are false", "as baseless") nor
 * qualifies a claim noun ("groundless statements"), so "fake news" and "a
 * false start" are not denials. "No evidence of collusion" (an
 * investigation's finding) counts as a denial, answered by whoever the
 * sentence names: the lexicon lists it so, and docs/CLAIMS.md says why.
 * A response whose object points back ("denied those allegations",
 * "dementierte diese Berichte") answers the claim before it
 * (claim_link.c). One response per stance, evidence span and responder: "This is
 * completely untrue; it's pure fiction" is one denial.
 */
#include "claim_int.h"

#define AS_LOOKAHEAD 12
#define PART_LOOKAHEAD 15
#define COMP_LOOKBACK 40
#define ANAPHORA_WORDS 3

/* Whether a word of class fw ("as", a particle) follows token at within
 * the sentence. */
static int word_follows(const ngi_claim_run *r, uint32_t at, uint32_t end,
			unsigned fw, uint32_t within)
{
	for (uint32_t j = at, n = 0; j < end && n < within; j++, n++)
		if (r->mk[j].fw & fw)
			return 1;
	return 0;
}

/* The first complementiser before token i in its sentence (the answer is
 * reported: "Mueller concluded that there was no evidence"), UINT32_MAX
 * when none. */
static uint32_t comp_before(const ngi_claim_run *r, uint32_t sfirst,
			    uint32_t i)
{
	uint32_t j = i > sfirst + COMP_LOOKBACK ? i - COMP_LOOKBACK : sfirst;
	for (; j < i; j++)
		if (r->mk[j].fw & NGI_FW_COMP)
			return j;
	return UINT32_MAX;
}

/* An evaluative adjective at i (n tokens) stands as a predicate or
 * qualifies a claim noun. */
static int predicate_ok(const ngi_claim_run *r, uint32_t i, uint32_t n,
			uint32_t sfirst, uint32_t end)
{
	const ngi_doc *d = r->doc;
	if (i > sfirst && d->tokens[i - 1].kind != NGI_TOK_PUNCT &&
	    (r->mk[i - 1].fw & NGI_FW_LINK))
		return 1;
	/* one adverb between: "is completely false", "are totally baseless" */
	if (i > sfirst + 1 && d->tokens[i - 1].kind == NGI_TOK_WORD &&
	    (r->mk[i - 2].fw & NGI_FW_LINK))
		return 1;
	return i + n < end && r->mk[i + n].noun_kind;
}

static void set_from_mention(const ngi_claim_run *r, ngi_response *x,
			     int32_t k)
{
	x->responder = k;
	x->responder_start = r->m[k].start;
	x->responder_end = r->m[k].end;
}

/* The responder of a cue at token i, with no naming phrase of its own;
 * comp is the complementiser before it (UINT32_MAX when none): the
 * responder is then named before that. */
static void resolve_nearby(const ngi_claim_run *r, uint32_t i, int32_t quote,
			   uint32_t comp, ngi_response *x)
{
	const ngi_doc *d = r->doc;
	const ngi_token *t = &d->tokens[i];
	uint32_t s = t->sentence;
	int after_first = comp == UINT32_MAX;
	uint32_t before = after_first ? t->start : d->tokens[comp].start;
	if (quote >= 0 && r->q[quote].speaker >= 0 &&
	    (size_t)r->q[quote].speaker < r->nm) {
		x->responder = r->q[quote].speaker;
		x->responder_start = r->q[quote].as_written_start;
		x->responder_end = r->q[quote].as_written_end;
		if (x->responder_start >= x->responder_end ||
		    x->responder_end > d->len)
			set_from_mention(r, x, x->responder);
		return;
	}
	int32_t k = -1;
	if (after_first)
		k = ngi_claim_mention_near(r, t->end, d->sentences[s].end, 1, 0);
	if (k < 0)
		k = ngi_claim_sentence_subject(r, i);
	if (k < 0)
		k = ngi_claim_mention_near(r, before, d->sentences[s].start, -1,
					   0);
	if (k < 0 && !after_first)
		k = ngi_claim_mention_near(r, t->end, d->sentences[s].end, 1, 0);
	/* A pronoun: the person who opens one of the three sentences
	 * before, nearest first, else the nearest person named there. */
	for (uint32_t b = s, n = 0; k < 0 && b > 0 && n < 3; b--, n++) {
		const ngi_sentence *pb = &d->sentences[b - 1];
		if (pb->n_tokens == 0)
			continue;
		k = ngi_claim_sentence_subject(r, pb->first_token + pb->n_tokens - 1);
		if (k >= 0 && r->m[k].type != NGI_ENT_PER)
			k = -1;
	}
	if (k < 0) {
		uint32_t s0 = s >= 3 ? s - 3 : 0;
		k = ngi_claim_mention_near(r, d->sentences[s].start,
					   d->sentences[s0].start, -1, 1);
	}
	if (k >= 0)
		set_from_mention(r, x, k);
}

void ngi_response_find_all(const ngi_claim_run *r, ngi_response *out,
			   size_t *n, size_t cap)
{
	const ngi_doc *d = r->doc;
	for (uint32_t s = 0; s < d->n_sentences; s++) {
		const ngi_sentence *se = &d->sentences[s];
		uint32_t sfirst = se->first_token;
		uint32_t end = sfirst + se->n_tokens;
		for (uint32_t i = sfirst; i < end; i++) {
			const ngi_cue_mark *mk = &r->mk[i];
			if (mk->kind < NGI_CW_DENY)
				continue;
			uint32_t ntok = mk->n_tok;
			uint32_t next = i + ntok - 1;
			if (mk->kind == NGI_CW_NONE)
				goto skip; /* "yet to be confirmed" */
			if (ngi_claim_negated(r, i))
				goto skip;
			if ((mk->flags & NGI_CF_AS) &&
			    !word_follows(r, i + ntok, end, NGI_FW_AS, AS_LOOKAHEAD))
				goto skip;
			if ((mk->flags & NGI_CF_PART) &&
			    !word_follows(r, i + ntok, end, NGI_FW_PART,
					  PART_LOOKAHEAD))
				goto skip;
			if ((mk->flags & NGI_CF_PRED) &&
			    !predicate_ok(r, i, ntok, sfirst, end))
				goto skip;
			ngi_response x = {0};
			x.stance = (uint8_t)(mk->kind - 10);
			x.sentence = s;
			x.responder = -1;
			x.claim = -1;
			x.cue_start = d->tokens[i].start;
			x.cue_end = d->tokens[next].end;
			int32_t quote = ngi_claim_quote_at(r, x.cue_start);
			if (quote >= 0) {
				x.start = r->q[quote].start;
				x.end = r->q[quote].end;
			} else {
				x.start = se->start;
				x.end = se->end;
			}
			x.responder_start = x.responder_end = x.cue_start;
			if (mk->flags & NGI_CF_VERB) {
				int rel = 0;
				ngi_phrase p = ngi_claim_subject(r, i, 1, &rel);
				if (p.first < p.last) {
					x.responder_start = d->tokens[p.first].start;
					x.responder_end = d->tokens[p.last - 1].end;
				}
				if (p.mention >= 0) {
					x.responder = p.mention;
				} else {
					/* "Putin hat ... abgetan", "and
					 * categorically rejected" */
					int32_t k = ngi_claim_sentence_subject(r, i);
					if (k < 0)
						k = ngi_claim_inverted_subject(r, i + ntok);
					if (k >= 0)
						set_from_mention(r, &x, k);
					else if (p.first == p.last)
						resolve_nearby(r, i, quote, i, &x);
				}
			} else {
				resolve_nearby(r, i, quote,
					       comp_before(r, sfirst, i), &x);
			}
			/* "denied those allegations": the claim before. */
			if (ngi_claim_anaphora(r, i + ntok - 1,
					       i + ntok + ANAPHORA_WORDS < end
						       ? i + ntok + ANAPHORA_WORDS
						       : end))
				x.claim = NGI_CLAIM_PREVIOUS;
			/* One answer per span, stance and responder. */
			if (*n > 0 && out[*n - 1].start == x.start &&
			    out[*n - 1].end == x.end &&
			    out[*n - 1].stance == x.stance &&
			    (out[*n - 1].responder == x.responder ||
			     x.responder < 0))
				goto skip;
			if (*n >= cap)
				return;
			out[(*n)++] = x;
		skip:
			i = next;
		}
	}
}
