/*
 * claim_spans.c: the phrases around a claim or response cue, and the
 * entity mentions and quotes they fall in.
 *
 * Without a parser, the subject of a cue verb is read backwards from it:
 * past a relative word or auxiliary ("which", "has", "das") and a comma,
 * then over the words of a naming phrase until a determiner opens it ("a
 * new book by American journalist Bob Woodward"), a function word that is
 * not part of a name ("when", "he"), a punctuation mark or another cue
 * stops it (ten words at most). The agent of "according to" and the object
 * of a claim noun are read forwards the same way. Every walk stays inside
 * the cue's sentence and is bounded, and the mention and quote lookups are
 * binary searches with a bounded scan, so the finders stay linear.
 */
#include "claim_int.h"

#include <string.h>

#include "../base/utf8.h"

#define SUBJECT_WORDS 10
#define NEAR_SCAN 64

static int is_comma(const ngi_token *t)
{
	return t->kind == NGI_TOK_PUNCT && t->norm && t->norm_len == 1 &&
	       t->norm[0] == ',';
}

/* A function word that ends a naming phrase: a stopword, unless it is an
 * acronym ("US") or a capitalised word inside the sentence. */
static int stops_phrase(const ngi_claim_run *r, uint32_t i)
{
	const ngi_doc *d = r->doc;
	const ngi_token *t = &d->tokens[i];
	if (!t->norm || !t->stop)
		return 0;
	if (ngi_entity_is_acronym(d->text + t->start, t->end - t->start))
		return 0;
	return !t->capitalised || ngi_doc_opens_sentence(d, i);
}

/* A '.', '-' or apostrophe joined to the words on both sides ("U.S.",
 * "US-Wahlen"): part of the phrase, not its end. */
static int joins_words(const ngi_doc *d, uint32_t i)
{
	const ngi_token *t = &d->tokens[i];
	if (t->kind != NGI_TOK_PUNCT || i == 0 || i + 1 >= d->n_tokens ||
	    !t->norm || t->norm_len != 1)
		return 0;
	char c = t->norm[0];
	if (c != '.' && c != '-' && c != '\'')
		return 0;
	return d->tokens[i - 1].end == t->start &&
	       d->tokens[i + 1].start == t->end &&
	       d->tokens[i + 1].kind != NGI_TOK_PUNCT &&
	       d->tokens[i + 1].sentence == t->sentence;
}

ngi_phrase ngi_claim_subject(const ngi_claim_run *r, uint32_t cue, int verb,
			     int *skipped_rel)
{
	const ngi_doc *d = r->doc;
	ngi_phrase p = {cue, cue, -1};
	*skipped_rel = 0;
	if (cue >= d->n_tokens)
		return p;
	uint32_t sfirst = d->sentences[d->tokens[cue].sentence].first_token;
	uint32_t i = cue;
	for (int skipped = 0; verb && i > sfirst && skipped < 4; skipped++) {
		const ngi_token *t = &d->tokens[i - 1];
		if (is_comma(t)) {
			i--;
			continue;
		}
		if ((r->mk[i - 1].fw & NGI_FW_SKIP) && !r->mk[i - 1].kind) {
			*skipped_rel = 1;
			i--;
			continue;
		}
		break;
	}
	uint32_t first = i;
	for (int words = 0; first > sfirst && words < SUBJECT_WORDS;) {
		const ngi_token *t = &d->tokens[first - 1];
		const ngi_cue_mark *m = &r->mk[first - 1];
		if ((t->kind == NGI_TOK_PUNCT && !joins_words(d, first - 1)) ||
		    t->kind == NGI_TOK_NUMBER || (m->kind && !m->noun_kind))
			break;
		if (m->fw & NGI_FW_DET) {
			first--;
			break;
		}
		if (!(m->fw & NGI_FW_CONN) && !m->noun_kind &&
		    stops_phrase(r, first - 1))
			break;
		first--;
		words++;
	}
	/* A phrase does not open on a connector ("and", "by"). */
	while (first < i && (r->mk[first].fw & NGI_FW_CONN) &&
	       !(r->mk[first].fw & NGI_FW_DET))
		first++;
	/* A determiner alone names no one ("the rumors"). */
	if (first + 1 == i && (r->mk[first].fw & NGI_FW_DET))
		first = i;
	p.first = first;
	p.last = i;
	if (first < i)
		p.mention = ngi_claim_mention_in(r, d->tokens[first].start,
						 d->tokens[i - 1].end);
	return p;
}

ngi_phrase ngi_claim_after(const ngi_claim_run *r, uint32_t at,
			   uint32_t max_words, int stop_at_noun)
{
	const ngi_doc *d = r->doc;
	ngi_phrase p = {at, at, -1};
	if (at >= d->n_tokens)
		return p;
	uint32_t s = d->tokens[at].sentence;
	uint32_t last = at, words = 0;
	while (last < d->n_tokens && words < max_words) {
		const ngi_token *t = &d->tokens[last];
		if (t->sentence != s ||
		    (t->kind == NGI_TOK_PUNCT && !joins_words(d, last)) ||
		    r->mk[last].kind >= NGI_CW_DENY ||
		    (stop_at_noun && r->mk[last].noun_kind) ||
		    (r->mk[last].fw & NGI_FW_LINK))
			break;
		last++;
		words++;
	}
	p.last = last;
	if (last > at)
		p.mention = ngi_claim_mention_in(r, d->tokens[at].start,
						 d->tokens[last - 1].end);
	return p;
}

/* The first mention starting at or after byte b. */
static size_t mention_from(const ngi_claim_run *r, uint32_t b)
{
	size_t lo = 0, hi = r->nm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->m[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int32_t ngi_claim_mention_in(const ngi_claim_run *r, uint32_t start,
			     uint32_t end)
{
	int32_t per = -1, org = -1, head = -1;
	for (size_t k = mention_from(r, start); k < r->nm && r->m[k].start < end;
	     k++) {
		if (r->m[k].end > end)
			break;
		if (r->m[k].type == NGI_ENT_PER)
			per = (int32_t)k;
		else if (r->m[k].type == NGI_ENT_ORG)
			org = (int32_t)k;
		if (r->m[k].end == end)
			head = (int32_t)k;
	}
	return per >= 0 ? per : org >= 0 ? org : head;
}

static int speaks(const ngi_mention *m)
{
	return m->type == NGI_ENT_PER || m->type == NGI_ENT_ORG;
}

int32_t ngi_claim_mention_near(const ngi_claim_run *r, uint32_t from,
			       uint32_t to, int dir, int person_only)
{
	size_t k = mention_from(r, from);
	if (dir > 0) {
		for (int n = 0; k < r->nm && n < NEAR_SCAN; k++, n++) {
			if (r->m[k].start >= to)
				break;
			if (!speaks(&r->m[k]) ||
			    (person_only && r->m[k].type != NGI_ENT_PER))
				continue;
			/* "Kremlin Spokesman Dmitry Peskov": the person. */
			if (r->m[k].type == NGI_ENT_ORG && k + 1 < r->nm &&
			    r->m[k + 1].type == NGI_ENT_PER &&
			    r->m[k + 1].start < to &&
			    r->m[k + 1].start - r->m[k].end <= 16)
				return (int32_t)(k + 1);
			return (int32_t)k;
		}
		return -1;
	}
	for (int n = 0; k > 0 && n < NEAR_SCAN; k--, n++) {
		const ngi_mention *m = &r->m[k - 1];
		if (m->start < to)
			break;
		if (m->end <= from && speaks(m) &&
		    (!person_only || m->type == NGI_ENT_PER))
			return (int32_t)(k - 1);
	}
	return -1;
}

int32_t ngi_claim_quote_at(const ngi_claim_run *r, uint32_t at)
{
	size_t lo = 0, hi = r->nq;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->q[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo quotes start at or before at; the nearest few may hold it (a
	 * split quote's pieces, an indirect quote around a direct one). */
	for (size_t k = lo, n = 0; k > 0 && n < 4; k--, n++) {
		const ngi_quote *q = &r->q[k - 1];
		/* a quote that does not fit the text is ignored */
		if (q->start <= at && at < q->end && q->end <= r->doc->len)
			return (int32_t)(k - 1);
	}
	return -1;
}

#define SUBJECT_OPEN 6

int32_t ngi_claim_sentence_subject(const ngi_claim_run *r, uint32_t i)
{
	const ngi_doc *d = r->doc;
	const ngi_sentence *se = &d->sentences[d->tokens[i].sentence];
	uint32_t open_end = se->first_token + SUBJECT_OPEN;
	if (open_end > i)
		open_end = i;
	if (open_end <= se->first_token)
		return -1;
	uint32_t limit = d->tokens[open_end - 1].end;
	for (size_t k = mention_from(r, se->start), n = 0;
	     k < r->nm && n < NEAR_SCAN && r->m[k].start < limit; k++, n++)
		if (speaks(&r->m[k]))
			return (int32_t)k;
	return -1;
}

/* Languages whose main clause puts the finite verb second, so that a
 * clause opened by another phrase has its subject right after the verb. */
static int verb_second(const char *lang)
{
	static const char *const v2[] = {"de", "nl", "sv", "da", "nb", "no", "is"};
	for (size_t k = 0; k < sizeof v2 / sizeof *v2; k++)
		if (!strcmp(lang, v2[k]))
			return 1;
	return 0;
}

int32_t ngi_claim_inverted_subject(const ngi_claim_run *r, uint32_t i)
{
	const ngi_doc *d = r->doc;
	if (i >= d->n_tokens || !verb_second(d->lang))
		return -1;
	const ngi_token *t = &d->tokens[i];
	size_t k = mention_from(r, t->start);
	return k < r->nm && r->m[k].start == t->start && speaks(&r->m[k])
		       ? (int32_t)k
		       : -1;
}

int ngi_claim_anaphora(const ngi_claim_run *r, uint32_t from, uint32_t to)
{
	for (uint32_t j = from + 1; j < to && j < r->doc->n_tokens; j++)
		if (r->mk[j].noun_kind && (r->mk[j - 1].fw & NGI_FW_DEM))
			return 1;
	return 0;
}

int ngi_claim_negated(const ngi_claim_run *r, uint32_t i)
{
	const ngi_doc *d = r->doc;
	uint32_t sfirst = d->sentences[d->tokens[i].sentence].first_token;
	for (int n = 0; i > sfirst && n < 3; n++) {
		i--;
		if (d->tokens[i].kind == NGI_TOK_PUNCT)
			return 0;
		if (r->mk[i].fw & NGI_FW_NEG)
			return 1;
	}
	return 0;
}

uint32_t *ngi_claim_cp_table(const ngi_doc *doc, ngi_arena *a)
{
	uint32_t *cp = ngi_arena_alloc(
		a, (doc->n_tokens ? doc->n_tokens : 1) * sizeof *cp);
	if (!cp)
		return NULL;
	size_t at = 0, count = 0;
	for (size_t i = 0; i < doc->n_tokens; i++) {
		size_t s = doc->tokens[i].start;
		count += ngi_utf8_count(doc->text + at, s - at);
		at = s;
		cp[i] = (uint32_t)count;
	}
	return cp;
}

uint32_t ngi_claim_cp(const ngi_claim_run *r, uint32_t b)
{
	const ngi_doc *d = r->doc;
	size_t lo = 0, hi = d->n_tokens;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->tokens[mid].start <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (b > d->len)
		b = (uint32_t)d->len;
	if (lo == 0)
		return (uint32_t)ngi_utf8_count(d->text, b);
	uint32_t s = d->tokens[lo - 1].start;
	return r->tok_cp[lo - 1] + (uint32_t)ngi_utf8_count(d->text + s, b - s);
}
