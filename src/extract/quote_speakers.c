/*
 * quote_speakers.c: who said each quote, and indirect speech (the second
 * step of the quote finder, after quote_marks.c).
 *
 * Pieces become quotes: a piece that continues the previous one (the next
 * paragraph reopened, the next speech part of a dash line), or that
 * follows it after a short cue ("“…,” he said, “…”", "“…,” Cruz said.
 * “…”"), has no cue of its own and does not open inside the writer's
 * sentence ("… on NBC's “Meet the Press.”"), is a piece of the same quote
 * (first_piece). Each quote's cue is looked for after its first piece in
 * the same sentence ("“…,” Putin said", "„…“, betonte Putin"), else before
 * it in the same sentence ("Graham said, “…”", "He described it as “…”"),
 * else after its other pieces, else at the end of the sentence before it
 * in the same paragraph ("…, Verveer told CBS News. “…”"); a cue is a speech verb with a subject before
 * it ("Putin said", "he affirmed", "the Russian president pointed out",
 * "Peskov, the Kremlin spokesman, said") or after it ("said Peskov",
 * "sagte er", "said the press secretary"), or a cue phrase followed by its
 * source ("according to X", "по словам X"). In pro-drop languages (it es pt
 * pl cs ru uk) a verb without a subject speaks for the person in focus. A
 * quote without a cue inherits the speaker of the quote before it when
 * that one is in the same paragraph, or in the previous one when the quote
 * opens its sentence. A quote without a cue of at most 4 words, or of at
 * most 7 without an inherited speaker, is taken for a scare quote or a
 * title ("the so-called “reset”", “Meet the Press”) and not reported (in
 * a language with word lists: elsewhere no quote has a cue).
 *
 * Speakers: a name is the mention (PER or ORG) it lies in; a pronoun is the
 * person in focus: the last speaker found, or the subject of the last
 * sentence that had a person before its verb; a role ("the Kremlin
 * spokesman") is the person whose mention carried that title earlier
 * ("Kremlin Spokesman Dmitry Peskov"), else the person in focus; a
 * capitalised word the recogniser missed is the latest mention whose last
 * word it is. A sentence without a direct quote is read for indirect
 * speech: "X said (that) …", "…, X said.", "according to X, …" (direct =
 * 0, the content the clause the cue introduces).
 *
 * Every scan is bounded by a small window around a quote or inside one
 * sentence, and the role and name searches look back at most a fixed
 * number of mentions, so the whole is linear in the text.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/utf8.h"
#include "quote_int.h"

#define BEFORE_WINDOW 24  /* tokens before an opening mark */
#define AFTER_WINDOW 14   /* tokens after a closing mark */
#define GAP_WORDS 40      /* words between two pieces of one quote */
#define LOOK_BACK 400     /* mentions a role or a bare name looks back at */
#define TITLE_TOKENS 4    /* tokens before a mention that may be titles */
/* A quote without a cue of its own is dropped as a scare quote or a title
 * up to this many words, or up to the second when it has no speaker
 * either (tuned on PolNeAR train, docs/QUOTES.md). */
#define SCARE_WORDS 4
#define SCARE_WORDS_NOBODY 7

/* What names a speaker: a mention, a pronoun, a role, a capitalised word
 * the recogniser missed, a first-person pronoun, another noun phrase ("one
 * employee", "the former top aide"). */
enum { S_NONE, S_NAME, S_PRON, S_ROLE, S_WORD, S_SELF, S_NP };

typedef struct spk {
	int kind;
	int32_t men;          /* S_NAME: the mention */
	size_t t0, t1;        /* the words naming the speaker, tokens [t0,t1) */
	size_t head;          /* S_ROLE: the role's head token */
} spk;

typedef struct cue {
	int found;
	size_t c0, c1;        /* the verb or phrase, tokens [c0,c1) */
	spk s;
} cue;

/* The tokens of a piece's offsets (ngi_doc_token_from), found once per piece. */
typedef struct piece_toks {
	size_t open, start, end, close;
} piece_toks;

typedef struct ctx {
	const ngi_doc *d;
	const ngi_qpiece *p;  /* the pieces */
	piece_toks *pt;       /* and their tokens */
	const ngi_mention *m;
	size_t nm;
	int32_t *tok_men;     /* mention of each token, -1 */
	uint8_t *in_quote;    /* token inside a direct quote piece */
	uint16_t *wf;         /* lexicon flags of each token, UINT16_MAX unknown */
	uint8_t *cue_len;     /* cue phrase length at each token, UINT8_MAX unknown */
	uint8_t *cue_flags;   /* and its flags */
	size_t *men_tok;      /* first token of each mention */
	int prodrop;
	int listed;           /* the language has speech-verb lists */
	int lang_id;          /* ngi_quote_lang_id of the document's language */
	int32_t focus;        /* the person in focus, -1 */
} ctx;

/* ---- tokens ---------------------------------------------------------- */
static const piece_toks *ptk(const ctx *c, const ngi_qpiece *p)
{
	return &c->pt[p - c->p];
}

static const ngi_token *tk(const ctx *c, size_t i)
{
	return &c->d->tokens[i];
}

/* The lexicon flags of token i, looked up once per token. */
static unsigned wflags(const ctx *c, size_t i)
{
	if (c->wf[i] != UINT16_MAX)
		return c->wf[i];
	const ngi_token *t = tk(c, i);
	unsigned f = t->kind == NGI_TOK_WORD
			     ? ngi_quote_word(c->lang_id, t->norm, t->norm_len)
			     : 0;
	c->wf[i] = (uint16_t)f;
	return f;
}

static int is_punct(const ctx *c, size_t i, const char *p)
{
	const ngi_token *t = tk(c, i);
	return t->kind == NGI_TOK_PUNCT && t->norm_len == strlen(p) &&
	       memcmp(t->norm, p, t->norm_len) == 0;
}

static int is_word(const ctx *c, size_t i)
{
	return tk(c, i)->kind != NGI_TOK_PUNCT;
}

/* A capitalised word that may be a name the recogniser missed. */
static int name_like(const ctx *c, size_t i)
{
	const ngi_token *t = tk(c, i);
	if (t->kind != NGI_TOK_WORD || !t->capitalised || t->norm_len < 2)
		return 0;
	if (t->stop)
		return 0;
	/* a capital at the start of a sentence says nothing */
	if (ngi_doc_opens_sentence(c->d, i))
		return 0;
	return (wflags(c, i) & (NGI_QW_VERB | NGI_QW_PRON | NGI_QW_DET |
				NGI_QW_COMP | NGI_QW_AUX | NGI_QW_SELF |
				NGI_QW_NOTNAME)) == 0;
}

/* A lower-case word that may head a noun phrase naming a speaker. */
static int common_noun(const ctx *c, size_t i)
{
	const ngi_token *t = tk(c, i);
	if (t->kind != NGI_TOK_WORD || t->capitalised || t->norm_len < 3 ||
	    c->tok_men[i] >= 0)
		return 0;
	if (t->stop)
		return 0;
	return (wflags(c, i) & (NGI_QW_VERB | NGI_QW_INDIRECT | NGI_QW_COMP |
				NGI_QW_AUX)) == 0;
}

static int speaker_type(int type)
{
	return type == NGI_ENT_PER || type == NGI_ENT_ORG;
}

/* ---- subjects ---------------------------------------------------------*/
/* A role phrase whose head is token h, extended left down to lo: its
 * modifiers and determiner ("the Russian president"). */
static spk role_left(const ctx *c, size_t h, size_t lo)
{
	spk s = {S_ROLE, -1, h, h + 1, h};
	size_t k = h;
	for (int n = 0; n < 4 && k > lo; n++) {
		size_t p = k - 1;
		if (!is_word(c, p))
			break;
		unsigned f = wflags(c, p);
		if (f & (NGI_QW_VERB | NGI_QW_PRON | NGI_QW_COMP))
			break;
		if (c->tok_men[p] >= 0 && tk(c, p)->kind == NGI_TOK_WORD &&
		    c->m[c->tok_men[p]].type == NGI_ENT_PER)
			break;
		k = p;
		if (f & NGI_QW_DET)
			break;
	}
	s.t0 = k;
	return s;
}

/* The cue phrase at token i (ngi_quote_cue_at), looked up once per
 * token. */
static size_t cue_at(const ctx *c, size_t i, unsigned *flags)
{
	if (c->cue_len[i] == UINT8_MAX) {
		unsigned f = 0;
		size_t n = ngi_quote_cue_at(c->d, c->lang_id, i, &f);
		c->cue_len[i] = (uint8_t)(n < UINT8_MAX ? n : 0);
		c->cue_flags[i] = (uint8_t)f;
	}
	*flags = c->cue_flags[i];
	return c->cue_len[i];
}

/* 0 when token i (a word) is surely neither a speech verb nor the start
 * of a cue phrase (ngi_quote_maybe_speech): then the scans for a cue skip
 * it without the two look-ups. */
static int maybe_speech(const ctx *c, size_t i)
{
	const ngi_token *t = tk(c, i);
	return ngi_quote_maybe_speech(c->lang_id, t->norm, t->norm_len);
}

/* A word between a speaker and the verb: an auxiliary of the list, or an
 * English adverb in -ly ("Trump jokingly said"). */
static int skippable(const ctx *c, size_t j)
{
	if (wflags(c, j) & NGI_QW_AUX)
		return 1;
	const ngi_token *t = tk(c, j);
	return t->kind == NGI_TOK_WORD && !t->capitalised && t->norm_len > 4 &&
	       memcmp(t->norm + t->norm_len - 2, "ly", 2) == 0 &&
	       (strcmp(c->d->lang, "en") == 0 || strcmp(c->d->lang, "und") == 0);
}

/* The subject ending just before the speech verb at v, at or after lo. */
static spk subject_before(const ctx *c, size_t v, size_t lo)
{
	spk none = {S_NONE, -1, 0, 0, 0};
	if (v <= lo)
		return none;
	size_t j = v - 1;
	for (int n = 0; n < 2 && j > lo && skippable(c, j); n++)
		j--;
	if (c->in_quote[j])
		return none;
	if (c->tok_men[j] >= 0) {
		int32_t mi = c->tok_men[j];
		spk s = {S_NAME, mi, c->men_tok[mi], j + 1, 0};
		if (s.t0 < lo)
			s.t0 = lo;
		return s;
	}
	if (is_punct(c, j, ",")) {
		/* "Peskov, the Kremlin spokesman, said" */
		for (size_t k = j; k > lo + 1 && j - k < 12; k--) {
			size_t p = k - 1;
			if (p < j && is_punct(c, p, ",")) {
				if (p > lo && c->tok_men[p - 1] >= 0 &&
				    !c->in_quote[p - 1]) {
					int32_t mi = c->tok_men[p - 1];
					spk s = {S_NAME, mi, c->men_tok[mi], p,
						 0};
					if (s.t0 < lo)
						s.t0 = lo;
					return s;
				}
				break;
			}
			if (!is_word(c, p) && !is_punct(c, p, "'") &&
			    !is_punct(c, p, "’"))
				break;
		}
		return none;
	}
	unsigned f = wflags(c, j);
	if (f & NGI_QW_PRON)
		return (spk){S_PRON, -1, j, j + 1, 0};
	if (f & NGI_QW_SELF)
		return (spk){S_SELF, -1, j, j + 1, 0};
	if (f & NGI_QW_ROLE)
		return role_left(c, j, lo);
	if (name_like(c, j)) {
		size_t k = j;
		while (k > lo && j - k < 3 && name_like(c, k - 1))
			k--;
		return (spk){S_WORD, -1, k, j + 1, 0};
	}
	if (common_noun(c, j)) {
		/* "one P&G employee told": back to a determiner */
		spk s = role_left(c, j, lo);
		s.kind = S_NP;
		return s;
	}
	return none;
}

static int det_at(const ctx *c, size_t i)
{
	return (wflags(c, i) & NGI_QW_DET) != 0;
}

/* The subject right after the speech verb, from token k, before hi:
 * "said Peskov", "said Kremlin spokesman Dmitry Peskov", "sagte er",
 * "said the press secretary". */
static spk subject_after(const ctx *c, size_t k, size_t hi, int np_ok)
{
	spk none = {S_NONE, -1, 0, 0, 0};
	for (size_t t = k; t < hi && t < k + 6; t++) {
		if (c->in_quote[t] || !is_word(c, t))
			return none;
		if (c->tok_men[t] >= 0) {
			int32_t mi = c->tok_men[t];
			size_t e = t;
			while (e < hi && c->tok_men[e] == mi)
				e++;
			return (spk){S_NAME, mi, t, e, 0};
		}
		unsigned f = wflags(c, t);
		if (t == k && (f & NGI_QW_PRON))
			return (spk){S_PRON, -1, t, t + 1, 0};
		if (t == k && (f & NGI_QW_SELF))
			return (spk){S_SELF, -1, t, t + 1, 0};
		if (f & NGI_QW_ROLE) {
			/* a title before a name: "spokesman Dmitry Peskov" */
			if (t + 1 < hi && c->tok_men[t + 1] >= 0)
				continue;
			spk s = {S_ROLE, -1, k, t + 1, t};
			return s;
		}
		if (t == k && name_like(c, t)) {
			size_t e = t + 1;
			while (e < hi && e < t + 3 && name_like(c, e))
				e++;
			if (e < hi && c->tok_men[e] >= 0)
				continue;
			return (spk){S_WORD, -1, t, e, 0};
		}
		if (f & (NGI_QW_VERB | NGI_QW_COMP | NGI_QW_PRON))
			return none;
		if (t == k && !(f & (NGI_QW_DET)) && !name_like(c, t))
			return none;
		if (t > k && !(f & NGI_QW_DET) && !common_noun(c, t) &&
		    !name_like(c, t)) {
			/* "said the former top aide to …": the phrase ends */
			if (np_ok && t > k + 1 && common_noun(c, t - 1) &&
			    det_at(c, k))
				return (spk){S_NP, -1, k, t, t - 1};
			return none;
		}
	}
	return none;
}

/* ---- resolution -------------------------------------------------------*/
static int stem_eq(const ngi_token *a, const ngi_token *b)
{
	return a->stem_len == b->stem_len &&
	       memcmp(a->stem, b->stem, a->stem_len) == 0;
}

/* The person (mention before token pos) whose title held the role s. */
static int32_t resolve_role(const ctx *c, const spk *s, size_t pos)
{
	const ngi_token *head = tk(c, s->head);
	int32_t best = -1;
	int best_score = 0;
	size_t seen = 0;
	uint32_t bpos = tk(c, pos < c->d->n_tokens ? pos : pos - 1)->start;
	/* the mentions before pos, latest first */
	size_t lo = 0, hi = c->nm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->m[mid].start < bpos)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0 && seen < LOOK_BACK;) {
		if (c->m[i].type != NGI_ENT_PER)
			continue;
		seen++;
		size_t mt = c->men_tok[i];
		int score = 0;
		for (size_t t = mt; t > 0 && mt - t < TITLE_TOKENS; t--) {
			size_t p = t - 1;
			if (!is_word(c, p))
				break;
			if (c->tok_men[p] >= 0 &&
			    c->m[c->tok_men[p]].type == NGI_ENT_PER)
				break;
			if (stem_eq(tk(c, p), head))
				score += 2;
			else
				for (size_t q = s->t0; q < s->t1; q++)
					if (q != s->head && is_word(c, q) &&
					    !(wflags(c, q) & NGI_QW_DET) &&
					    stem_eq(tk(c, p), tk(c, q))) {
						score++;
						break;
					}
		}
		if (score >= 2 && score > best_score) {
			best = (int32_t)i;
			best_score = score;
		}
	}
	return best;
}

/* The latest PER mention before pos whose last word is the word(s)
 * [t0,t1) (a name the recogniser missed at this place). */
static int32_t resolve_word(const ctx *c, const spk *s)
{
	const ngi_token *w = tk(c, s->t1 - 1);
	uint32_t bpos = tk(c, s->t0)->start;
	size_t seen = 0;
	size_t lo = 0, hi = c->nm;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->m[mid].start < bpos)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* before first, then after (a name introduced later in full) */
	for (size_t i = lo; i-- > 0 && seen < LOOK_BACK; seen++) {
		if (!speaker_type(c->m[i].type))
			continue;
		size_t last = c->men_tok[i];
		while (last + 1 < c->d->n_tokens &&
		       c->d->tokens[last + 1].start < c->m[i].end)
			last++;
		if (stem_eq(tk(c, last), w))
			return (int32_t)i;
	}
	return -1;
}

static int32_t resolve(ctx *c, const spk *s, size_t pos)
{
	switch (s->kind) {
	case S_NAME:
		return speaker_type(c->m[s->men].type) ? s->men : -1;
	case S_PRON:
		return c->focus;
	case S_ROLE: {
		int32_t r = resolve_role(c, s, pos);
		return r >= 0 ? r : c->focus;
	}
	case S_WORD:
		return resolve_word(c, s);
	case S_NP:
		return resolve_role(c, s, pos);
	default:
		return -1;
	}
}

/* ---- cues ---------------------------------------------------------------*/
/* The first person or pronoun of the sentence of token v before v, outside
 * quotes: the subject of a verb that has none next to it. */
static spk clause_subject(const ctx *c, size_t v)
{
	spk none = {S_NONE, -1, 0, 0, 0};
	const ngi_sentence *se = &c->d->sentences[tk(c, v)->sentence];
	for (size_t t = se->first_token; t < v; t++) {
		if (c->in_quote[t])
			continue;
		int32_t mi = c->tok_men[t];
		if (mi >= 0 && speaker_type(c->m[mi].type)) {
			size_t e = t;
			while (e < v && c->tok_men[e] == mi)
				e++;
			return (spk){S_NAME, mi, t, e, 0};
		}
		unsigned f = wflags(c, t);
		if (f & NGI_QW_PRON)
			return (spk){S_PRON, -1, t, t + 1, 0};
		if (name_like(c, t) && mi < 0) {
			size_t e = t + 1;
			while (e < v && e < t + 3 && name_like(c, e))
				e++;
			return (spk){S_WORD, -1, t, e, 0};
		}
	}
	return none;
}

/* The cue in tokens [lo,hi); forward scans from lo (after a quote), else
 * back from hi (before one). after_close: lo is right after a closing
 * mark. */
static cue find_cue(const ctx *c, size_t lo, size_t hi, int forward,
		    int after_close)
{
	cue r;
	memset(&r, 0, sizeof r);
	size_t n = hi > lo ? hi - lo : 0;
	size_t bare = 0; /* 1 + the first verb without a subject */
	for (size_t s = 0; s < n; s++) {
		size_t i = forward ? lo + s : hi - 1 - s;
		if (c->in_quote[i] || c->tok_men[i] >= 0 ||
		    tk(c, i)->kind != NGI_TOK_WORD || !maybe_speech(c, i))
			continue;
		unsigned cf = 0;
		size_t cl = cue_at(c, i, &cf);
		if (cl && i + cl <= hi) {
			int first = 1;
			for (size_t k = lo; k < i; k++)
				if (is_word(c, k))
					first = 0;
			if (!(cf & NGI_QC_AFTER_QUOTE) ||
			    (after_close && first && forward)) {
				spk sp = subject_after(c, i + cl, hi, 0);
				if (sp.kind != S_NONE) {
					r.found = 1;
					r.c0 = i;
					r.c1 = i + cl;
					r.s = sp;
					return r;
				}
			}
		}
		unsigned f = wflags(c, i);
		if (!(f & NGI_QW_VERB))
			continue;
		spk sp = subject_before(c, i, lo);
		if (sp.kind == S_NONE && !(f & NGI_QW_OBJECT)) {
			/* a noun phrase after the verb only right after the
			 * quote: "“…,” said the former top aide" */
			int first = 1;
			for (size_t k = lo; k < i && first; k++)
				first = !is_word(c, k);
			sp = subject_after(c, i + 1, hi,
					   forward && after_close && first);
		}
		if (sp.kind == S_NONE && c->prodrop)
			sp = (spk){S_PRON, -1, i, i, 0};
		if (sp.kind != S_NONE) {
			r.found = 1;
			r.c0 = i;
			r.c1 = i + 1;
			r.s = sp;
			return r;
		}
		if (!bare)
			bare = i + 1;
	}
	if (bare) {
		/* a verb without a subject of its own ("…, saying, “…”",
		 * "… and said, “…”"): the sentence's subject, when it comes
		 * before the verb */
		size_t v = bare - 1;
		spk sp = clause_subject(c, v);
		if (sp.kind != S_NONE) {
			r.found = 1;
			r.c0 = v;
			r.c1 = v + 1;
			r.s = sp;
		}
	}
	return r;
}

/* The tokens of the sentence of token t, clipped to [lo, hi). */
static void sentence_range(const ctx *c, size_t t, size_t *lo, size_t *hi)
{
	const ngi_sentence *s = &c->d->sentences[tk(c, t)->sentence];
	*lo = s->first_token;
	*hi = s->first_token + s->n_tokens;
}

/* The cue after the piece (same sentence as its closing mark, before
 * token stop, the next opening mark's). */
static cue cue_after(const ctx *c, const ngi_qpiece *p, size_t stop)
{
	cue none;
	memset(&none, 0, sizeof none);
	size_t t = ptk(c, p)->close;
	if (t >= c->d->n_tokens)
		return none;
	size_t lo, hi;
	if (p->dash) {
		/* the narrator part after the speech, to the next speech part
		 * or the end of its sentence: "— …, — сказал Песков. — …" */
		sentence_range(c, t, &lo, &hi);
		if (stop < hi)
			hi = stop;
		if (hi > t + AFTER_WINDOW)
			hi = t + AFTER_WINDOW;
		return find_cue(c, t, hi, 1, 1);
	}
	size_t ct = t > 0 ? t - 1 : 0;
	sentence_range(c, ct, &lo, &hi);
	if (tk(c, t)->sentence != tk(c, ct)->sentence) {
		/* the sentence ended at the mark: "“A.” he said" still counts
		 * when the next word is lower case (a capital starts a new
		 * sentence: "“A.” He continued, “B.”"; taking "“A?” Trump
		 * asked." as well cost more than it won on PolNeAR train) */
		if (tk(c, t)->capitalised || !is_word(c, t))
			return none;
		sentence_range(c, t, &lo, &hi);
	}
	size_t end = t + AFTER_WINDOW < hi ? t + AFTER_WINDOW : hi;
	if (stop < end)
		end = stop;
	return find_cue(c, t, end, 1, 1);
}

/* A name right before a colon before the quote, no verb: "More from
 * Jones: “…”", "Graham: Trump’s …". The colon is the cue. */
static cue colon_source(const ctx *c, size_t lo, size_t t)
{
	cue none;
	memset(&none, 0, sizeof none);
	if (t < lo + 2 || !is_punct(c, t - 1, ":"))
		return none;
	size_t j = t - 2;
	if (c->in_quote[j])
		return none;
	int32_t mi = c->tok_men[j];
	if (mi >= 0 && speaker_type(c->m[mi].type)) {
		cue k = {1, t - 1, t, {S_NAME, mi, c->men_tok[mi], j + 1, 0}};
		if (k.s.t0 < lo)
			k.s.t0 = lo;
		return k;
	}
	return none;
}

/* The cue before the piece, in the sentence of its opening mark, from
 * token from on (the previous closing mark's). */
static cue cue_before(const ctx *c, const ngi_qpiece *p, size_t from)
{
	cue none;
	memset(&none, 0, sizeof none);
	size_t t = ptk(c, p)->open;
	if (t >= c->d->n_tokens || t == 0)
		return none;
	size_t lo, hi;
	sentence_range(c, t, &lo, &hi);
	if (from > lo)
		lo = from;
	if (t > lo + BEFORE_WINDOW)
		lo = t - BEFORE_WINDOW;
	if (t <= lo)
		return none;
	cue k = find_cue(c, lo, t, 0, 0);
	if (!k.found)
		k = colon_source(c, lo, t);
	return k;
}

/* Whether the piece opens inside a sentence of the writer's: words of the
 * sentence before its mark, not ending in ',' or ':' or a speech verb, or
 * with lower, its first word in lower case (it goes on the writer's
 * sentence; not for the next piece of a split quote, "“…,” he said, “and
 * …”"). */
static int is_partial(const ctx *c, const ngi_qpiece *p, int lower)
{
	if (p->dash)
		return 0;
	size_t t = ptk(c, p)->open;
	if (t >= c->d->n_tokens)
		return 0;
	/* words that go on the writer's sentence: "…, “with this thing" */
	size_t w = ptk(c, p)->start;
	if (lower && w < c->d->n_tokens && tk(c, w)->start < p->end &&
	    tk(c, w)->kind == NGI_TOK_WORD) {
		int32_t cp;
		const ngi_token *wt = tk(c, w);
		if (ngi_utf8_decode(c->d->text + wt->start, wt->end - wt->start,
				    &cp) > 0 &&
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
			return 1;
	}
	if (t == 0)
		return 0;
	size_t lo, hi;
	sentence_range(c, t, &lo, &hi);
	size_t j = t;
	while (j > lo && !is_word(c, j - 1) && !is_punct(c, j - 1, ",") &&
	       !is_punct(c, j - 1, ":"))
		j--;
	if (j <= lo)
		return 0;
	if (is_punct(c, j - 1, ",") || is_punct(c, j - 1, ":") ||
	    is_punct(c, j - 1, "-") || is_punct(c, j - 1, "—"))
		return 0;
	if (c->in_quote[j - 1])
		return 0;
	return (wflags(c, j - 1) & NGI_QW_VERB) == 0;
}

/* The cue at the end of the sentence before a quote that opens its own
 * sentence, in the same paragraph ("…, Melanne Verveer told CBS News.
 * “…”"), after the previous quote. */
static cue cue_prev_sentence(const ctx *c, const ngi_qpiece *p, size_t at,
			     uint32_t prev_close)
{
	cue none;
	memset(&none, 0, sizeof none);
	if (at == 0 || at >= c->d->n_tokens || !ngi_doc_opens_sentence(c->d, at))
		return none;
	uint32_t s = tk(c, at)->sentence;
	if (s == 0)
		return none;
	const ngi_sentence *ps = &c->d->sentences[s - 1];
	if (ps->start < prev_close || ps->n_tokens == 0 || ps->end > p->open)
		return none;
	size_t lo = ps->first_token, hi = ps->first_token + ps->n_tokens;
	/* same paragraph (no line break between), unless that sentence ends
	 * with a colon ("Dr. Ward stated:" and the quote below) */
	if (memchr(c->d->text + ps->end, '\n', p->open - ps->end) &&
	    !(hi > lo && is_punct(c, hi - 1, ":")))
		return none;
	/* only the end of that sentence: the cue closes it */
	size_t from = hi > lo + 8 ? hi - 8 : lo;
	cue k = find_cue(c, from, hi, 0, 0);
	if (k.found && k.s.t0 < from)
		k.s.t0 = from;
	return k;
}

/* ---- output -------------------------------------------------------------*/
typedef struct out {
	ngi_quote *q;
	size_t n, cap;
	uint32_t *group; /* group id of each quote */
} out;

static ng_status add_quote(out *o, const ngi_quote *q, uint32_t group)
{
	if (o->n >= NGI_QUOTES_MAX)
		return NG_OK;
	size_t cap = o->cap;
	if (ngi_grow((void **)&o->q, &o->cap, o->n + 1, sizeof *o->q))
		return NG_ERR_NOMEM;
	if (o->cap != cap) {
		uint32_t *g = realloc(o->group, o->cap * sizeof *g);
		if (!g)
			return NG_ERR_NOMEM;
		o->group = g;
	}
	o->q[o->n] = *q;
	o->group[o->n] = group;
	o->n++;
	return NG_OK;
}

static void set_speaker(const ctx *c, ngi_quote *q, const cue *k,
			int32_t speaker)
{
	q->speaker = speaker;
	if (k && k->found) {
		q->cue_start = tk(c, k->c0)->start;
		q->cue_end = tk(c, k->c1 - 1)->end;
		if (k->s.t1 > k->s.t0) {
			q->as_written_start = tk(c, k->s.t0)->start;
			q->as_written_end = tk(c, k->s.t1 - 1)->end;
		}
	}
}

/* The subject of sentence s: its first person outside quotes that is not
 * a possessive ("Trump’s campaign"), before its first speech verb. */
static int32_t sentence_subject(const ctx *c, size_t s)
{
	const ngi_sentence *se = &c->d->sentences[s];
	size_t e = se->first_token + se->n_tokens;
	for (size_t t = se->first_token; t < e && t < c->d->n_tokens; t++) {
		if (c->in_quote[t])
			continue;
		int32_t mi = c->tok_men[t];
		if (mi < 0 || c->m[mi].type != NGI_ENT_PER)
			continue;
		size_t last = t;
		while (last + 1 < e && c->tok_men[last + 1] == mi)
			last++;
		const ngi_token *lt = tk(c, last);
		int poss = lt->norm_len > 2 &&
			   (memcmp(lt->norm + lt->norm_len - 2, "'s", 2) == 0 ||
			    (lt->norm_len > 4 &&
			     memcmp(lt->norm + lt->norm_len - 4, "’s", 4) == 0));
		if (!poss)
			return mi;
		t = last;
	}
	return -1;
}

/* The last word token of [lo, hi) that is not punctuation, hi if none. */
static size_t last_word(const ctx *c, size_t lo, size_t hi)
{
	for (size_t i = hi; i > lo; i--)
		if (is_word(c, i - 1))
			return i - 1;
	return hi;
}

static size_t count_words(const ctx *c, size_t lo, size_t hi)
{
	size_t n = 0;
	for (size_t i = lo; i < hi; i++)
		n += is_word(c, i);
	return n;
}

/* Indirect speech in the sentence [lo, hi): fills q and returns 1. */
static int indirect(ctx *c, size_t lo, size_t hi, ngi_quote *q, cue *k)
{
	if (hi - lo < 4)
		return 0;
	size_t first = lo;
	while (first < hi && !is_word(c, first))
		first++;
	for (size_t i = first; i < hi; i++) {
		if (c->tok_men[i] >= 0 || tk(c, i)->kind != NGI_TOK_WORD ||
		    !maybe_speech(c, i))
			continue;
		unsigned cf = 0;
		size_t cl = cue_at(c, i, &cf);
		size_t c0 = 0, c1 = 0;
		if (cl && !(cf & NGI_QC_AFTER_QUOTE)) {
			spk sp = subject_after(c, i + cl, hi, 0);
			if (sp.kind == S_NONE)
				continue;
			if (i == first) {
				c0 = sp.t1;
				while (c0 < hi && !is_word(c, c0))
					c0++;
				/* "according to X, who …," */
				c1 = last_word(c, c0, hi) + 1;
			} else {
				c0 = first;
				c1 = last_word(c, first, i) + 1;
			}
			if (c1 > hi || c1 <= c0 || count_words(c, c0, c1) < 3)
				continue;
			k->found = 1;
			k->c0 = i;
			k->c1 = i + cl;
			k->s = sp;
			q->start = tk(c, c0)->start;
			q->end = tk(c, c1 - 1)->end;
			return 1;
		}
		unsigned f = wflags(c, i);
		if (!(f & NGI_QW_INDIRECT) || i == first)
			continue;
		spk sp = subject_before(c, i, first);
		size_t tail = last_word(c, i, hi);
		if (sp.kind != S_NONE) {
			/* titles before the name: "…, Kremlin Spokesman
			 * Dmitry Peskov said." */
			size_t t0 = sp.t0;
			while (t0 > first && sp.t0 - t0 < 5 &&
			       tk(c, t0 - 1)->kind == NGI_TOK_WORD &&
			       (tk(c, t0 - 1)->capitalised ||
				(wflags(c, t0 - 1) & (NGI_QW_ROLE | NGI_QW_DET))))
				t0--;
			if (t0 > first && is_punct(c, t0 - 1, ",") &&
			    tail < i + 4) {
				c0 = first;
				c1 = last_word(c, first, t0 - 1) + 1;
			} else {
				size_t s = i + 1;
				for (size_t t = i + 1; t < hi && t < i + 8; t++) {
					if (wflags(c, t) & NGI_QW_COMP) {
						s = t + 1;
						break;
					}
					if (!is_word(c, t) && !is_punct(c, t, ","))
						break;
				}
				if (s == i + 1) {
					if (s >= hi || tk(c, s)->kind != NGI_TOK_WORD)
						continue;
					unsigned nf = wflags(c, s);
					if (tk(c, s)->stop &&
					    !(nf & (NGI_QW_PRON | NGI_QW_DET)))
						continue;
					if (f & NGI_QW_OBJECT)
						continue;
				}
				c0 = s;
				c1 = tail + 1;
			}
		} else if (is_punct(c, i - 1, ",") && !(f & NGI_QW_OBJECT)) {
			/* "…, said Peskov." */
			sp = subject_after(c, i + 1, hi, 0);
			size_t lw = last_word(c, sp.t1, hi);
			if (sp.kind == S_NONE || (lw < hi && lw > sp.t1 + 3))
				continue;
			c0 = first;
			c1 = last_word(c, first, i - 1) + 1;
		} else {
			continue;
		}
		if (c1 > hi || c1 <= c0 || count_words(c, c0, c1) < 3)
			continue;
		k->found = 1;
		k->c0 = i;
		k->c1 = i + 1;
		k->s = sp;
		q->start = tk(c, c0)->start;
		q->end = tk(c, c1 - 1)->end;
		return 1;
	}
	return 0;
}

/* ---- driver -------------------------------------------------------------*/
static int lang_prodrop(const char *lang)
{
	static const char *const l[] = {"it", "es", "pt", "pl", "cs", "ru",
					"uk"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(l); i++)
		if (strcmp(lang, l[i]) == 0)
			return 1;
	return 0;
}

static ng_status setup(ctx *c, const ngi_qpiece *p, size_t np, ngi_arena *a)
{
	const ngi_doc *d = c->d;
	size_t nt = d->n_tokens ? d->n_tokens : 1;
	c->tok_men = ngi_arena_alloc(a, nt * sizeof *c->tok_men);
	c->in_quote = ngi_arena_zalloc(a, nt);
	c->men_tok = ngi_arena_alloc(a, (c->nm ? c->nm : 1) * sizeof(size_t));
	c->wf = ngi_arena_alloc(a, nt * sizeof *c->wf);
	c->p = p;
	c->pt = ngi_arena_alloc(a, (np ? np : 1) * sizeof *c->pt);
	c->cue_len = ngi_arena_alloc(a, nt);
	c->cue_flags = ngi_arena_alloc(a, nt);
	if (!c->tok_men || !c->in_quote || !c->men_tok || !c->wf ||
	    !c->cue_len || !c->cue_flags || !c->pt)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < np; i++) {
		c->pt[i].open = ngi_doc_token_from(d, p[i].open);
		c->pt[i].start = ngi_doc_token_from(d, p[i].start);
		c->pt[i].end = ngi_doc_token_from(d, p[i].end);
		c->pt[i].close = ngi_doc_token_from(d, p[i].close);
	}
	memset(c->wf, 0xFF, nt * sizeof *c->wf);
	memset(c->cue_len, 0xFF, nt);
	const ngi_token *tok = d->tokens;
	const ngi_mention *m = c->m;
	size_t n = d->n_tokens, nm = c->nm;
	for (size_t i = 0; i < nm; i++) {
		size_t t = ngi_doc_token_from(d, m[i].start);
		c->men_tok[i] = t < n ? t : (n ? n - 1 : 0);
	}
	/* A token's mention is the first mention that ends after the token
	 * starts, when the token lies inside it; it is inside a quote when
	 * the first piece that closes after it starts opened before it.
	 * Mentions and pieces come in text order without overlapping, so
	 * only the tokens inside them need a look (the walk over all tokens
	 * stays for the case where they would overlap). */
	int ordered = 1;
	for (size_t i = 0; i < nm && ordered; i++)
		ordered = m[i].start <= m[i].end &&
			  (i == 0 || m[i - 1].end <= m[i].start);
	for (size_t i = 0; i < np && ordered; i++)
		ordered = p[i].open <= p[i].close &&
			  (i == 0 || p[i - 1].close <= p[i].open);
	if (ordered) {
		memset(c->tok_men, 0xFF, nt * sizeof *c->tok_men); /* -1 */
		for (size_t j = 0; j < nm; j++)
			for (size_t i = ngi_doc_token_from(d, m[j].start);
			     i < n && tok[i].start < m[j].end; i++)
				if (tok[i].end <= m[j].end)
					c->tok_men[i] = (int32_t)j;
		for (size_t k = 0; k < np; k++)
			for (size_t i = c->pt[k].open;
			     i < n && tok[i].start < p[k].close; i++)
				c->in_quote[i] = 1;
		return NG_OK;
	}
	size_t j = 0, k = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t ts = tok[i].start;
		while (j < nm && m[j].end <= ts)
			j++;
		c->tok_men[i] = j < nm && m[j].start <= ts &&
					tok[i].end <= m[j].end
				? (int32_t)j
				: -1;
		while (k < np && p[k].close <= ts)
			k++;
		c->in_quote[i] = k < np && p[k].open <= ts && ts < p[k].close;
	}
	return NG_OK;
}

ng_status ngi_quote_attribute(const ngi_doc *doc, const ngi_mention *m,
			      size_t nm, const ngi_qpiece *p, size_t np,
			      ngi_arena *a, ngi_quote **res, size_t *n_res)
{
	ctx c;
	memset(&c, 0, sizeof c);
	c.d = doc;
	c.m = m;
	c.nm = nm;
	c.focus = -1;
	c.prodrop = lang_prodrop(doc->lang);
	c.listed = ngi_quote_lang_listed(doc->lang);
	c.lang_id = ngi_quote_lang_id(doc->lang);
	ng_status st = setup(&c, p, np, a);
	if (st)
		return st;
	/* the group of each piece: index of its first piece */
	uint32_t *grp = ngi_arena_alloc(a, (np ? np : 1) * sizeof *grp);
	cue *after = ngi_arena_zalloc(a, (np ? np : 1) * sizeof *after);
	if (!grp || !after)
		return NG_ERR_NOMEM;
	size_t end_tok = ngi_doc_token_from(doc, (uint32_t)doc->len);
	for (size_t i = 0; i < np; i++) {
		size_t next = i + 1 < np ? c.pt[i + 1].open : end_tok;
		after[i] = cue_after(&c, &p[i], next);
	}
	for (size_t i = 0; i < np; i++) {
		grp[i] = (uint32_t)i;
		if (i == 0)
			continue;
		const ngi_qpiece *a0 = &p[i - 1], *b = &p[i];
		int join = b->cont;
		if (!join && !b->dash && !a0->dash && a0->para == b->para &&
		    after[i - 1].found && !after[i].found) {
			size_t t0 = c.pt[i - 1].close;
			size_t t1 = c.pt[i].open;
			int colon = t1 > t0 && is_punct(&c, t1 - 1, ":");
			join = !colon && count_words(&c, t0, t1) <= GAP_WORDS &&
			       !is_partial(&c, b, 0);
			if (join) {
				/* a cue of its own before it: another quote
				 * ("…,” X said. Y added, “…”) */
				cue kb = cue_before(&c, b, c.pt[i - 1].close);
				join = !kb.found || kb.c0 == after[i - 1].c0;
			}
		}
		if (join)
			grp[i] = grp[i - 1];
	}
	out o;
	memset(&o, 0, sizeof o);
	/* walk sentences in order; quotes of a group are attributed at its
	 * first piece */
	size_t pi = 0;
	int32_t last_speaker = -1;
	uint32_t last_para = 0;
	int have_last = 0;
	for (size_t s = 0; s < doc->n_sentences && !st; s++) {
		const ngi_sentence *se = &doc->sentences[s];
		int spoke = 0, had_piece = 0;
		while (pi < np && !st && p[pi].open < se->end) {
			if (grp[pi] != pi) {
				pi++;
				continue;
			}
			had_piece = 1;
			size_t first = pi, lastp = pi;
			while (lastp + 1 < np && grp[lastp + 1] == first)
				lastp++;
			cue k = after[first];
			if (!k.found) {
				/* ngi_doc_token_from(0) is 0 */
				size_t pc = first > 0 ? c.pt[first - 1].close : 0;
				k = cue_before(&c, &p[first], pc);
			}
			for (size_t q = first + 1; !k.found && q <= lastp; q++)
				k = after[q];
			int32_t speaker = -1;
			size_t at = c.pt[first].open;
			if (!k.found)
				k = cue_prev_sentence(&c, &p[first], at,
						      first > 0 ? p[first - 1].close
								: 0);
			if (k.found) {
				speaker = resolve(&c, &k.s, at);
			} else if (have_last &&
				   (p[first].para == last_para ||
				    (p[first].para == last_para + 1 &&
				     ngi_doc_opens_sentence(doc, at)))) {
				speaker = last_speaker;
			}
			/* scare quotes and titles: short, and nobody says
			 * them ("the so-called “reset”", “Meet the Press”) */
			size_t words = 0;
			for (size_t q = first; q <= lastp; q++)
				words += count_words(&c, c.pt[q].start,
						     c.pt[q].end);
			int scare = !k.found && c.listed &&
				    (words <= SCARE_WORDS ||
				     (speaker < 0 && words <= SCARE_WORDS_NOBODY));
			int partial = is_partial(&c, &p[first], 1);
			for (size_t q = first; q <= lastp && !st && !scare; q++) {
				ngi_quote qt;
				memset(&qt, 0, sizeof qt);
				qt.start = p[q].start;
				qt.end = p[q].end;
				qt.direct = 1;
				size_t t = c.pt[q].start;
				qt.sentence = t < doc->n_tokens
						      ? doc->tokens[t].sentence
						      : (uint32_t)s;
				set_speaker(&c, &qt, &k, speaker);
				qt.partial = partial;
				st = add_quote(&o, &qt, (uint32_t)first);
			}
			if (speaker >= 0 && !scare) {
				c.focus = speaker;
				spoke = 1;
			}
			if (!scare && (k.found || speaker >= 0)) {
				last_speaker = speaker;
				have_last = 1;
			}
			last_para = p[lastp].para;
			pi = lastp + 1;
		}
		int quoted = 0;
		for (size_t t = se->first_token;
		     t < se->first_token + se->n_tokens && !quoted; t++)
			quoted = c.in_quote[t];
		if (!had_piece && !quoted && !st) {
			ngi_quote qt;
			memset(&qt, 0, sizeof qt);
			cue k;
			memset(&k, 0, sizeof k);
			if (indirect(&c, se->first_token,
				     se->first_token + se->n_tokens, &qt, &k)) {
				qt.direct = 0;
				qt.sentence = (uint32_t)s;
				int32_t speaker =
					resolve(&c, &k.s, se->first_token);
				set_speaker(&c, &qt, &k, speaker);
				st = add_quote(&o, &qt, (uint32_t)(np + s));
				if (speaker >= 0) {
					c.focus = speaker;
					spoke = 1;
					last_speaker = speaker;
				}
			}
		}
		if (!spoke) {
			int32_t subj = sentence_subject(&c, s);
			if (subj >= 0)
				c.focus = subj;
		}
	}
	/* pieces after the last sentence (text without sentences) */
	for (; pi < np && !st; pi++) {
		ngi_quote qt;
		memset(&qt, 0, sizeof qt);
		qt.start = p[pi].start;
		qt.end = p[pi].end;
		qt.direct = 1;
		qt.speaker = -1;
		st = add_quote(&o, &qt, grp[pi]);
	}
	if (!st && o.n) {
		ngi_quote *r = ngi_arena_alloc(a, o.n * sizeof *r);
		if (!r)
			st = NG_ERR_NOMEM;
		else {
			/* first_piece: the index of the group's first quote */
			for (size_t i = 0; i < o.n; i++) {
				r[i] = o.q[i];
				r[i].first_piece = (uint32_t)i;
				if (i > 0 && o.group[i] == o.group[i - 1])
					r[i].first_piece = r[i - 1].first_piece;
			}
			*res = r;
			*n_res = o.n;
		}
	} else if (!st) {
		*res = NULL;
		*n_res = 0;
	}
	free(o.q);
	free(o.group);
	return st;
}
