/*
 * analyze.c: ngi_text_analyze, records -> analysed documents.
 *
 * The driver of the text stage. For one document it settles the language
 * (the caller's hint, else CLD2), cuts the tokens (tokenize.c), folds each
 * one (fold.c), stems the words (stem.c), groups the tokens into sentences
 * (sentences.c) and hands back an ngi_doc whose every byte lives in the
 * caller's arena. Runs of the scripts written without spaces (Han, kana,
 * Thai...) that the tokenizer flags are cut into words by the segmenter
 * (segment.c) on the way. The context keeps what outlives a document: the stemmers
 * and a token buffer that grows once and is then reused, so a document
 * costs no malloc beyond the arena's chunks. A word met again in the same
 * document takes the folded and stemmed forms of its first occurrence (a
 * memo keyed by its bytes), since news repeats its words and folding and
 * stemming cost far more than the lookup.
 *
 * Beyond NFKC + case folding, a word's norm has its typographic apostrophe
 * (U+2019) replaced by the ASCII one, so "Trump’s" and "Trump's" meet and
 * the Snowball stemmers (which know only ') strip the possessive.
 */
#include "textint.h"

#include <stdlib.h>
#include <string.h>

/* The memo: open addressing over the raw bytes of tokens (compared, not
 * only hashed), each slot naming the first token with those bytes; a slot
 * belongs to the current document when its gen is the context's. At most
 * MEMO_SLOTS slots, filled to half, so memory stays bounded (and in cache)
 * whatever the document; tokens past that are folded as before. */
#define MEMO_SLOTS (1u << 11) /* 24 KB, stays in L1; 1,024 distinct tokens */
#define MEMO_MAX_RAW 64 /* longer tokens are not memoised */

typedef struct memo_slot {
	uint32_t gen, hash;
	uint32_t tok; /* index of the first occurrence */
} memo_slot;

struct ngi_text_ctx {
	ngi_stemmer_set *stemmers;
	ngi_token *scratch; /* tokens of the document being analysed */
	size_t scratch_cap;
	memo_slot *memo;    /* MEMO_SLOTS slots, allocated on first use */
	uint32_t memo_gen;  /* the current document's generation, never 0 */
	uint32_t memo_used;
	ngi_segmenter *seg; /* opened on the first unspaced run */
	int seg_failed;     /* ICU could not open one: runs stay whole */
};

ng_status ngi_text_ctx_new(ngi_text_ctx **out)
{
	ngi_text_ctx *c = calloc(1, sizeof(*c));
	if (!c)
		return NG_ERR_NOMEM;
	c->stemmers = ngi_stemmer_set_new();
	if (!c->stemmers) {
		free(c);
		return NG_ERR_NOMEM;
	}
	*out = c;
	return NG_OK;
}

void ngi_text_ctx_free(ngi_text_ctx *c)
{
	if (!c)
		return;
	ngi_stemmer_set_free(c->stemmers);
	ngi_segmenter_free(c->seg);
	free(c->scratch);
	free(c->memo);
	free(c);
}

/* A usable hint is an ISO 639-1 code, maybe with a region ("en", "EN",
 * "pt-BR", "en_GB"); it is copied lowercased without the region. */
static int hint_code(const char *hint, char out[8])
{
	if (!hint)
		return 0;
	for (int i = 0; i < 2; i++) {
		char ch = hint[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (ch < 'a' || ch > 'z')
			return 0;
		out[i] = ch;
	}
	if (hint[2] != '\0' && hint[2] != '-' && hint[2] != '_')
		return 0;
	out[2] = '\0';
	return 1;
}

static ng_status grow_scratch(ngi_text_ctx *c)
{
	size_t cap = c->scratch_cap ? c->scratch_cap * 2 : 4096;
	if (cap > NGI_TEXT_MAX_TOKENS)
		cap = NGI_TEXT_MAX_TOKENS;
	ngi_token *p = realloc(c->scratch, cap * sizeof(*p));
	if (!p)
		return NG_ERR_NOMEM;
	c->scratch = p;
	c->scratch_cap = cap;
	return NG_OK;
}

/* Appends t to the document's tokens (*n of them so far). */
static ng_status push_token(ngi_text_ctx *c, const ngi_token *t, size_t *n)
{
	if (*n == c->scratch_cap && grow_scratch(c) != NG_OK)
		return NG_ERR_NOMEM;
	c->scratch[(*n)++] = *t;
	return NG_OK;
}

/* Appends the words of run t (a phrase of an unspaced script), or t itself
 * when no segmenter can be had. */
static ng_status push_run(ngi_text_ctx *c, const char *text, const ngi_token *t,
			  size_t *n)
{
	if (!c->seg && !c->seg_failed) {
		c->seg = ngi_segmenter_new();
		c->seg_failed = c->seg == NULL;
	}
	if (!c->seg)
		return push_token(c, t, n);
	ngi_segmenter_set(c->seg, text + t->start, t->end - t->start);
	size_t s, e;
	int number;
	ngi_token w = *t;
	w.capitalised = 0;
	while (*n < NGI_TEXT_MAX_TOKENS &&
	       ngi_segmenter_next(c->seg, &s, &e, &number)) {
		w.start = t->start + (uint32_t)s;
		w.end = t->start + (uint32_t)e;
		w.kind = number ? NGI_TOK_NUMBER : NGI_TOK_WORD;
		ng_status st = push_token(c, &w, n);
		if (st != NG_OK)
			return st;
	}
	return NG_OK;
}

/* Replaces each U+2019 (E2 80 99) in s with ' ; returns the new length. */
static size_t ascii_apostrophes(char *s, size_t n)
{
	char *hit = memchr(s, 0xE2, n);
	if (!hit)
		return n;
	size_t w = (size_t)(hit - s);
	for (size_t r = w; r < n;) {
		if (r + 2 < n && (unsigned char)s[r] == 0xE2 &&
		    (unsigned char)s[r + 1] == 0x80 &&
		    (unsigned char)s[r + 2] == 0x99) {
			s[w++] = '\'';
			r += 3;
		} else {
			s[w++] = s[r++];
		}
	}
	s[w] = '\0';
	return w;
}

/* Fills norm, stem and the stopword flag of one token. */
static ng_status normalise(ngi_text_ctx *c, const char *text, ngi_token *t,
			   const char *lang, int stemming, ngi_arena *a)
{
	const char *raw = text + t->start;
	size_t raw_len = ngi_text_cut(raw, t->end - t->start,
				      NGI_TEXT_MAX_NORM_INPUT);
	size_t nl;
	char *norm = ngi_text_fold(raw, raw_len, a, &nl);
	if (!norm)
		return NG_ERR_NOMEM;
	if (nl > NGI_TEXT_MAX_NORM) {
		/* NFKC can expand a code point up to 18 times. */
		nl = ngi_text_cut(norm, nl, NGI_TEXT_MAX_NORM);
		norm[nl] = '\0';
	}
	if (t->kind == NGI_TOK_WORD)
		nl = ascii_apostrophes(norm, nl);
	t->norm = norm;
	t->norm_len = (uint16_t)nl;
	t->stop = (uint8_t)ngi_is_stopword(lang, norm, nl);
	t->stem = norm;
	t->stem_len = (uint16_t)nl;
	if (stemming && t->kind == NGI_TOK_WORD) {
		const char *stem;
		size_t sl;
		ng_status st = ngi_stemmer_stem(c->stemmers, norm, nl, a, &stem,
						&sl);
		if (st != NG_OK)
			return st;
		t->stem = stem;
		t->stem_len = (uint16_t)sl;
	}
	return NG_OK;
}

/* Starts a document's memo; 0 when there is none (out of memory: the
 * analysis goes on without it). */
static int memo_begin(ngi_text_ctx *c)
{
	if (!c->memo) {
		c->memo = calloc(MEMO_SLOTS, sizeof *c->memo);
		if (!c->memo)
			return 0;
	}
	if (++c->memo_gen == 0) { /* wrapped: forget every slot */
		memset(c->memo, 0, MEMO_SLOTS * sizeof *c->memo);
		c->memo_gen = 1;
	}
	c->memo_used = 0;
	return 1;
}

/* Fills token i's norm, stem and flag from an earlier token with the same bytes
 * and kind (1), or returns 0 and, when there is room, *free_slot for it. */
static int memo_get(ngi_text_ctx *c, const char *text, ngi_token *tok,
		    uint32_t i, memo_slot **free_slot)
{
	*free_slot = NULL;
	ngi_token *t = &tok[i];
	uint32_t len = t->end - t->start;
	if (len > MEMO_MAX_RAW)
		return 0;
	const char *raw = text + t->start;
	uint32_t h = (uint32_t)ngi_hash(raw, len, (uint64_t)t->kind);
	for (uint32_t k = h & (MEMO_SLOTS - 1);; k = (k + 1) & (MEMO_SLOTS - 1)) {
		memo_slot *m = &c->memo[k];
		if (m->gen != c->memo_gen) {
			if (c->memo_used < MEMO_SLOTS / 2) {
				m->hash = h;
				*free_slot = m;
			}
			return 0;
		}
		const ngi_token *f = &tok[m->tok];
		if (m->hash == h && f->end - f->start == len && f->kind == t->kind &&
		    memcmp(text + f->start, raw, len) == 0) {
			t->norm = f->norm;
			t->norm_len = f->norm_len;
			t->stem = f->stem;
			t->stem_len = f->stem_len;
			t->stop = f->stop;
			return 1;
		}
	}
}

static void memo_put(ngi_text_ctx *c, memo_slot *m, uint32_t i)
{
	m->gen = c->memo_gen;
	m->tok = i;
	c->memo_used++;
}

/* Takes norm, stem and flag for t (offsets from base in the donor's text)
 * from the donor's token with the same bytes and kind (1), or returns 0.
 * *at walks the donor's tokens, as t moves forward. */
static int from_donor(const ngi_doc *donor, size_t base, size_t *at,
		      ngi_token *t)
{
	size_t start = base + t->start, end = base + t->end;
	while (*at < donor->n_tokens && donor->tokens[*at].start < start)
		(*at)++;
	if (*at == donor->n_tokens)
		return 0;
	const ngi_token *f = &donor->tokens[*at];
	if (f->start != start || f->end != end || f->kind != t->kind)
		return 0;
	t->norm = f->norm;
	t->norm_len = f->norm_len;
	t->stem = f->stem;
	t->stem_len = f->stem_len;
	t->stop = f->stop;
	return 1;
}

/* ngi_text_analyze; with a donor (a document whose text holds this one at
 * byte base, analysed in the language this one gets), a token with the
 * same bytes as one of the donor's takes its forms. */
static ng_status analyze(ngi_text_ctx *c, const char *text, size_t len,
			 const char *lang_hint, const ngi_doc *donor,
			 size_t base, ngi_arena *a, ngi_doc *out)
{
	if (!c || !a || !out || (!text && len))
		return NG_ERR_USAGE;
	if (!text)
		text = "";
	/* Token offsets are 32-bit. */
	if (len >= UINT32_MAX)
		return NG_ERR_TOOBIG;

	ngi_doc d;
	memset(&d, 0, sizeof d);
	d.text = text;
	d.len = len;
	if (hint_code(lang_hint, d.lang)) {
		d.lang_reliable = 1;
		d.lang_percent = 100;
	} else {
		ng_status st = ngi_langid_detect(text, len, d.lang,
						 &d.lang_reliable, &d.lang_percent);
		if (st)
			return st;
	}

	size_t n = 0, pos = 0;
	ngi_token t;
	memset(&t, 0, sizeof t);
	int got;
	while (n < NGI_TEXT_MAX_TOKENS &&
	       (got = ngi_text_next_token(text, len, &pos, &t)) != 0) {
		ng_status st = got == 2 ? push_run(c, text, &t, &n)
					: push_token(c, &t, &n);
		if (st != NG_OK)
			return st;
	}

	int stemming = ngi_stemmer_select(c->stemmers, d.lang);
	if (stemming < 0)
		return NG_ERR_NOMEM;
	ngi_token *tok = c->scratch;
	int memo = memo_begin(c);
	if (donor && strcmp(donor->lang, d.lang) != 0)
		donor = NULL;
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		memo_slot *slot = NULL;
		if (donor && from_donor(donor, base, &at, &tok[i])) {
			/* the donor's forms, as folding would give them */
		} else if (!memo || !memo_get(c, text, tok, (uint32_t)i, &slot)) {
			ng_status st = normalise(c, text, &tok[i], d.lang, stemming, a);
			if (st != NG_OK)
				return st;
			if (slot)
				memo_put(c, slot, (uint32_t)i);
		}
		if (tok[i].kind != NGI_TOK_PUNCT)
			d.n_words++;
	}

	d.n_sentences = ngi_text_sentences(text, len, d.lang, tok, n);
	if (n > 0) {
		d.tokens = ngi_arena_alloc(a, n * sizeof(*d.tokens));
		d.sentences = ngi_arena_zalloc(a, d.n_sentences *
						  sizeof(*d.sentences));
		if (!d.tokens || !d.sentences)
			return NG_ERR_NOMEM;
		memcpy(d.tokens, tok, n * sizeof(*d.tokens));
		d.n_tokens = n;
	}
	for (size_t i = 0; i < n; i++) {
		ngi_sentence *s = &d.sentences[tok[i].sentence];
		if (s->n_tokens == 0) {
			s->first_token = (uint32_t)i;
			s->start = tok[i].start;
		}
		s->n_tokens++;
		s->end = tok[i].end;
	}
	*out = d;
	return NG_OK;
}

ng_status ngi_text_analyze(ngi_text_ctx *c, const char *text, size_t len,
			   const char *lang_hint, ngi_arena *a, ngi_doc *out)
{
	return analyze(c, text, len, lang_hint, NULL, 0, a, out);
}

ng_status ngi_text_analyze_part(ngi_text_ctx *c, const ngi_doc *whole,
				size_t start, size_t end, ngi_arena *a,
				ngi_doc *out)
{
	if (!whole || start > end || end > whole->len)
		return NG_ERR_USAGE;
	return analyze(c, whole->text + start, end - start, whole->lang, whole,
		       start, a, out);
}
