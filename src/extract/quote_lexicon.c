/*
 * quote_lexicon.c: the word lists of the quote finder, read once per
 * process from the embedded data files (src/base/data.h):
 *   lexicons/speech_verbs.tsv      lang, word, flags (v verb, i indirect,
 *                                  o an object follows)
 *   lexicons/speaker_pronouns.tsv  lang, word, kind (pron self role det
 *                                  comp aux not)
 *   lexicons/quote_cues.tsv        lang, phrase, flags (s source after,
 *                                  q only right after a closing mark)
 * Words are folded forms (NFKC + case fold, as tok->norm); a final '*'
 * makes an entry a prefix that covers inflected forms ("сказал*" matches
 * "сказала"). Words live in two u64 maps keyed by the hash of
 * "lang<TAB>word" (exact and prefix); a word is looked up in its
 * document's language, and "und" or a language without lists uses English.
 *
 * Most words of a text are in no list, so each language also has small
 * bit sets over a cheap shape of the entries (length and three bytes): one
 * for every word, one for the speech verbs and the first words of cue
 * phrases. A word whose shape is not set is answered without building a
 * key or hashing. A set only ever says "maybe" for an entry, so answers
 * are the same as with the maps alone.
 */
#include <string.h>

#include "../base/data.h"
#include "../base/map.h"
#include "quote_int.h"

#define CUE_MAX 256
#define CUE_WORDS 4

typedef struct cue_phrase {
	char lang[4];
	char word[CUE_WORDS][48];
	uint8_t word_len[CUE_WORDS];
	uint8_t n_words;
	uint8_t prefix_last;
	unsigned flags;
	int next; /* next phrase with the same first word, -1 at the end */
} cue_phrase;

static ngi_map exact, prefix, cue_first;
/* the lengths of the prefix entries of each language (of known_langs) */
#define N_LANGS 10
static size_t prefix_min[N_LANGS], prefix_max[N_LANGS];
/* the shape bit sets (see above), one of each per language of known_langs:
 * every word; speech verbs (v or i) and the first words of cues */
#define SHAPE_BITS 14
typedef uint64_t shape_set[((size_t)1 << SHAPE_BITS) / 64];
static shape_set word_shapes[N_LANGS], speech_shapes[N_LANGS];
static cue_phrase cues[CUE_MAX];
static size_t n_cues;
static ngi_once lexicon_once = NGI_ONCE_INIT;

static const char *const known_langs[N_LANGS] = {"en", "de", "fr", "it", "es",
						  "pt", "ru", "uk", "pl", "cs"};

static int lang_index(const char *lang, size_t n)
{
	for (int i = 0; i < N_LANGS; i++)
		if (strlen(known_langs[i]) == n &&
		    memcmp(known_langs[i], lang, n) == 0)
			return i;
	return -1;
}

/* The shape of the n bytes at w (n > 0): its length, first two and last
 * bytes, mixed into SHAPE_BITS bits. */
static inline uint32_t shape(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;
	uint32_t h = (uint32_t)u[0] | (uint32_t)(n > 1 ? u[1] : 0) << 8 |
		     (uint32_t)u[n - 1] << 16 | (uint32_t)(n & 0xFF) << 24;
	return (h * 0x9E3779B1u) >> (32 - SHAPE_BITS);
}

static void shape_add(shape_set set, const char *w, size_t n)
{
	uint32_t b = shape(w, n);
	set[b / 64] |= (uint64_t)1 << (b % 64);
}

/* 0 when no entry of set has the shape of w[0..n). */
static inline int shape_maybe(const shape_set set, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	uint32_t b = shape(w, n);
	return (int)(set[b / 64] >> (b % 64)) & 1;
}

static uint64_t word_key(const char *lang, size_t lang_len, const char *w,
			 size_t n)
{
	char buf[128];
	if (lang_len + 1 + n > sizeof buf)
		return 0;
	memcpy(buf, lang, lang_len);
	buf[lang_len] = '\t';
	memcpy(buf + lang_len + 1, w, n);
	return ngi_hash(buf, lang_len + 1 + n, 0x71c0);
}

static ng_status add_word(const char *lang, size_t ll, const char *w,
			  size_t n, unsigned flags)
{
	int is_prefix = n > 1 && w[n - 1] == '*';
	if (is_prefix)
		n--;
	if (n == 0 || ll == 0 || ll > 3)
		return NG_OK;
	uint64_t k = word_key(lang, ll, w, n);
	uint64_t *v = ngi_map_upsert(is_prefix ? &prefix : &exact, k, 0);
	if (!v)
		return NG_ERR_NOMEM;
	*v |= flags;
	int li = lang_index(lang, ll);
	if (li >= 0) {
		shape_add(word_shapes[li], w, n);
		if (flags & (NGI_QW_VERB | NGI_QW_INDIRECT))
			shape_add(speech_shapes[li], w, n);
	}
	if (is_prefix && li >= 0) {
		if (n < prefix_min[li])
			prefix_min[li] = n;
		if (n > prefix_max[li])
			prefix_max[li] = n;
	}
	return NG_OK;
}

static unsigned parse_flags(const char *s, size_t n)
{
	unsigned f = 0;
	if (n == 4 && memcmp(s, "pron", 4) == 0)
		return NGI_QW_PRON;
	if (n == 4 && memcmp(s, "role", 4) == 0)
		return NGI_QW_ROLE;
	if (n == 3 && memcmp(s, "det", 3) == 0)
		return NGI_QW_DET;
	if (n == 4 && memcmp(s, "comp", 4) == 0)
		return NGI_QW_COMP;
	if (n == 3 && memcmp(s, "aux", 3) == 0)
		return NGI_QW_AUX;
	if (n == 4 && memcmp(s, "self", 4) == 0)
		return NGI_QW_SELF;
	if (n == 3 && memcmp(s, "not", 3) == 0)
		return NGI_QW_NOTNAME;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == 'v')
			f |= NGI_QW_VERB;
		else if (s[i] == 'i')
			f |= NGI_QW_INDIRECT;
		else if (s[i] == 'o')
			f |= NGI_QW_OBJECT;
	}
	return f;
}

static ng_status load_words(const char *name)
{
	const ngi_data_file *f = ngi_data_find(name);
	if (!f)
		return NG_ERR_INTERNAL;
	size_t pos = 0;
	ngi_data_line l;
	memset(&l, 0, sizeof l);
	while (ngi_data_next_line(f, &pos, &l)) {
		if (l.n_fields < 3)
			continue;
		ng_status st = add_word(l.field[0], l.field_len[0], l.field[1],
					l.field_len[1],
					parse_flags(l.field[2], l.field_len[2]));
		if (st)
			return st;
	}
	return NG_OK;
}

static ng_status load_cues(void)
{
	const ngi_data_file *f = ngi_data_find("lexicons/quote_cues.tsv");
	if (!f)
		return NG_ERR_INTERNAL;
	size_t pos = 0;
	ngi_data_line l;
	memset(&l, 0, sizeof l);
	while (ngi_data_next_line(f, &pos, &l) && n_cues < CUE_MAX) {
		if (l.n_fields < 3 || l.field_len[0] == 0 || l.field_len[0] > 3)
			continue;
		cue_phrase *c = &cues[n_cues];
		memset(c, 0, sizeof *c);
		memcpy(c->lang, l.field[0], l.field_len[0]);
		const char *s = l.field[1], *e = s + l.field_len[1];
		int ok = 1;
		while (s < e && ok) {
			const char *sp = memchr(s, ' ', (size_t)(e - s));
			size_t wl = (size_t)((sp ? sp : e) - s);
			if (c->n_words >= CUE_WORDS || wl == 0 ||
			    wl >= sizeof c->word[0])
				ok = 0;
			else {
				memcpy(c->word[c->n_words], s, wl);
				c->word_len[c->n_words++] = (uint8_t)wl;
			}
			s = sp ? sp + 1 : e;
		}
		if (!ok || c->n_words == 0)
			continue;
		uint8_t *last = &c->word_len[c->n_words - 1];
		if (*last > 1 && c->word[c->n_words - 1][*last - 1] == '*') {
			c->prefix_last = 1;
			(*last)--;
		}
		for (size_t i = 0; i < l.field_len[2]; i++) {
			if (l.field[2][i] == 's')
				c->flags |= NGI_QC_SOURCE_AFTER;
			else if (l.field[2][i] == 'q')
				c->flags |= NGI_QC_AFTER_QUOTE;
		}
		int li = lang_index(c->lang, strlen(c->lang));
		if (li >= 0)
			shape_add(speech_shapes[li], c->word[0], c->word_len[0]);
		uint64_t k = word_key(c->lang, strlen(c->lang), c->word[0],
				      c->word_len[0]);
		uint64_t *v = ngi_map_get(&cue_first, k);
		c->next = v ? (int)*v - 1 : -1;
		if (ngi_map_put(&cue_first, k, (uint64_t)n_cues + 1))
			return NG_ERR_NOMEM;
		n_cues++;
	}
	return NG_OK;
}

static void reset_all(void)
{
	ngi_map_free(&exact);
	ngi_map_free(&prefix);
	ngi_map_free(&cue_first);
	ngi_map_init(&exact);
	ngi_map_init(&prefix);
	ngi_map_init(&cue_first);
	n_cues = 0;
	memset(word_shapes, 0, sizeof word_shapes);
	memset(speech_shapes, 0, sizeof speech_shapes);
	for (int i = 0; i < N_LANGS; i++) {
		prefix_min[i] = 64;
		prefix_max[i] = 0;
	}
}

static ng_status build(void)
{
	reset_all();
	ng_status st = load_words("lexicons/speech_verbs.tsv");
	if (!st)
		st = load_words("lexicons/speaker_pronouns.tsv");
	if (!st)
		st = load_cues();
	if (st)
		reset_all();
	return st;
}

ng_status ngi_quote_lexicon_load(void)
{
	return ngi_once_run(&lexicon_once, build);
}

int ngi_quote_lang_id(const char *lang)
{
	int i = lang_index(lang, strlen(lang));
	return i >= 0 ? i : 0; /* English */
}

int ngi_quote_lang_listed(const char *lang)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(known_langs); i++)
		if (strcmp(lang, known_langs[i]) == 0)
			return 1;
	return strcmp(lang, "und") == 0;
}

unsigned ngi_quote_word(int lang_id, const char *norm, size_t len)
{
	int li = lang_id >= 0 && lang_id < N_LANGS ? lang_id : 0;
	const char *l = known_langs[li];
	unsigned f = 0;
	if (shape_maybe(word_shapes[li], norm, len)) {
		uint64_t *v = ngi_map_get(&exact, word_key(l, 2, norm, len));
		f = v ? (unsigned)*v : 0;
	}
	if (prefix.count == 0)
		return f;
	size_t hi = len < prefix_max[li] ? len : prefix_max[li];
	for (size_t n = prefix_min[li]; n <= hi; n++) {
		/* only at character boundaries */
		if (n < len && ((unsigned char)norm[n] & 0xC0) == 0x80)
			continue;
		if (!shape_maybe(word_shapes[li], norm, n))
			continue;
		uint64_t *p = ngi_map_get(&prefix, word_key(l, 2, norm, n));
		if (p)
			f |= (unsigned)*p;
	}
	return f;
}

int ngi_quote_maybe_speech(int lang_id, const char *norm, size_t len)
{
	int li = lang_id >= 0 && lang_id < N_LANGS ? lang_id : 0;
	if (shape_maybe(speech_shapes[li], norm, len))
		return 1;
	size_t hi = len < prefix_max[li] ? len : prefix_max[li];
	for (size_t n = prefix_min[li]; n <= hi; n++)
		if (shape_maybe(speech_shapes[li], norm, n))
			return 1;
	return 0;
}

static int word_is(const ngi_token *t, const char *w, size_t n, int pfx)
{
	if (pfx)
		return t->norm_len >= n && memcmp(t->norm, w, n) == 0;
	return t->norm_len == n && memcmp(t->norm, w, n) == 0;
}

size_t ngi_quote_cue_at(const ngi_doc *d, int lang_id, size_t i,
			unsigned *flags)
{
	if (i >= d->n_tokens || d->tokens[i].kind != NGI_TOK_WORD)
		return 0;
	int li = lang_id >= 0 && lang_id < N_LANGS ? lang_id : 0;
	const char *l = known_langs[li];
	const ngi_token *t = &d->tokens[i];
	if (!shape_maybe(speech_shapes[li], t->norm, t->norm_len))
		return 0;
	uint64_t *v = ngi_map_get(&cue_first,
				  word_key(l, 2, t->norm, t->norm_len));
	size_t best = 0;
	for (int c = v ? (int)*v - 1 : -1; c >= 0; c = cues[c].next) {
		const cue_phrase *p = &cues[c];
		if (i + p->n_words > d->n_tokens)
			continue;
		size_t k = 0;
		for (; k < p->n_words; k++)
			if (!word_is(&d->tokens[i + k], p->word[k],
				     p->word_len[k],
				     p->prefix_last && k + 1 == p->n_words))
				break;
		if (k == p->n_words && k > best) {
			best = k;
			*flags = p->flags;
		}
	}
	return best;
}
