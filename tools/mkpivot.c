/*
 * mkpivot.c: builds the pivot dictionary (src/sketch/pivot.h) from Debian's
 * FreeDict packages, at build time.
 *
 *   mkpivot DICTDIR OUT.bin          every dictionary below, or fail
 *   mkpivot --empty DICTDIR OUT.bin  a table with no entries (make PIVOT=empty)
 *   mkpivot --list                   the dictionary pairs, for the Makefile
 *
 * Reads DICTDIR/freedict-<pair>.index and .dict.dz (dictd format: the index
 * is "headword TAB offset TAB length" with offsets in dictd's base64, into
 * the gunzipped .dict.dz), for X-English pairs (headword X, translations
 * English) and English-X pairs used reversed (translations X, headword
 * English). Every dictionary must be installed: a missing one stops the
 * build with its path and Debian package (dict-freedict-<pair>), so the table
 * never silently depends on what the build machine happens to have. An
 * empty table is asked for with --empty.
 *
 * Both sides go through the library's own text analysis (ngi_text_analyze:
 * NFKC + case fold, Snowball) so the keys are exactly what documents give:
 * the source word must be one word (not a stopword), keyed by ngi_pivot_key;
 * an English translation must have one or two content words, each taken as
 * its stem's term hash. Per source key the English stems are ranked by how
 * many entries give them, then by the order they were first seen (forward
 * dictionaries first, senses in dictionary order), and the first
 * NGI_PIVOT_MAX_TARGETS are kept.
 *
 * Entry bodies come in three layouts, told apart line by line: Ding
 * (deu-eng: translations on the first line, notes and examples indented
 * below), WikDict (pol-eng, eng-bul: numbered senses, each followed by a
 * gloss in the source language, which is skipped) and the older FreeDict
 * one (translations, possibly numbered, one sense a line). Labels in
 * brackets, part-of-speech tags, pronunciations and parentheses are dropped;
 * a numbered sense is cut at its first ". " (eng-tur appends examples);
 * stress marks of Bulgarian and Russian are removed.
 *
 * Japanese and Chinese (written without spaces) are keyed differently: a
 * headword is taken whole, folded, when it is written in kanji and kana
 * alone (not in hiragana alone: a document's hiragana words are
 * stopwords), and keyed by ngi_pivot_key ("ja": okurigana dropped).
 * Debian has no Chinese-English dictionary, so Chinese keys come from the
 * Japanese ones written in kanji alone: OpenCC turns the Japanese forms
 * into traditional Chinese characters (jp2t: 経済 -> 經濟) and those into
 * simplified ones (t2s: 经济); both forms are keys of "zh". OpenCC is read
 * here only, at build time. Place names, which Chinese writes its own way
 * (德国, 伦敦), come from ICU's locale data: the names of countries and of
 * the exemplar cities of time zones in Japanese and in simplified and
 * traditional Chinese, each keyed to the English name's stems.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <opencc/opencc.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "base/base.h"
#include "base/utf8.h"
#include "sketch/sketch.h"
#include "sketch/pivot.h"
#include "text/text.h"

#define MAX_DICT_BYTES ((size_t)512 << 20)
#define MAX_ENTRY_BYTES 65536
#define MAX_SENSES 6 /* numbered senses read per entry: later ones drift */

typedef struct dict_spec {
	const char *pair;  /* freedict-<pair> */
	const char *lang;  /* the non-English side, ISO 639-1 */
	int reversed;      /* English -> lang, read backwards */
	int wikdict;       /* WikDict layout: gloss lines after senses */
} dict_spec;

/* A Japanese dictionary read for Chinese (lang "zh"): its words in kanji
 * alone, converted. */
static int via_kanji(const dict_spec *ds)
{
	return strcmp(ds->lang, "zh") == 0;
}

/* Forward dictionaries first: their senses rank before reversed ones. */
static const dict_spec dicts[] = {
	{"deu-eng", "de", 0, 0}, {"fra-eng", "fr", 0, 0},
	{"ita-eng", "it", 0, 0}, {"spa-eng", "es", 0, 0},
	{"pol-eng", "pl", 0, 1}, {"ces-eng", "cs", 0, 0},
	{"slv-eng", "sl", 0, 0}, {"tur-eng", "tr", 0, 0},
	{"ara-eng", "ar", 0, 0}, {"eng-rus", "ru", 1, 0},
	{"eng-bul", "bg", 1, 1}, {"eng-fra", "fr", 1, 0},
	{"eng-ita", "it", 1, 0}, {"eng-spa", "es", 1, 0},
	{"eng-pol", "pl", 1, 0}, {"eng-ces", "cs", 1, 0},
	{"eng-tur", "tr", 1, 0},
	/* Japanese, and Chinese through the Japanese words in kanji */
	{"jpn-eng", "ja", 0, 0}, {"eng-jpn", "ja", 1, 1},
	{"jpn-eng", "zh", 0, 0}, {"eng-jpn", "zh", 1, 1},
};

#define N_LANGS 14
static const char *const langs[N_LANGS] = {"ar", "bg", "cs", "de", "es", "fr",
					   "it", "pl", "ru", "sl", "tr", "uk",
					   "ja", "zh"};

static int lang_index(const char *l)
{
	for (int i = 0; i < N_LANGS; i++)
		if (strcmp(langs[i], l) == 0)
			return i;
	return -1;
}

typedef struct record {
	uint32_t lang;
	uint32_t key;
	uint32_t target;
	uint32_t order;
} record;

typedef struct builder {
	ngi_text_ctx *tc;
	opencc_t jp2t, t2s; /* (opencc_t)-1 until opened */
	ngi_arena arena;
	record *recs;
	size_t n, cap;
	uint32_t order;
	long long skipped_multi, skipped_long;
} builder;

static int add_record(builder *b, int lang, uint32_t key, uint32_t target)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1 << 16;
		record *r = realloc(b->recs, cap * sizeof *r);
		if (!r)
			return -1;
		b->recs = r;
		b->cap = cap;
	}
	b->recs[b->n++] = (record){(uint32_t)lang, key, target, b->order++};
	return 0;
}

/* ---- reading ---------------------------------------------------------------*/
static char *read_gz(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		if (n == cap) {
			if (cap >= MAX_DICT_BYTES)
				break;
			cap *= 2;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		int k = gzread(f, buf + n, (unsigned)(cap - n));
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	gzclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

static int b64_value(const char *s, size_t n, size_t *out)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t v = 0;
	if (n == 0 || n > 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *p = memchr(digits, s[i], 64);
		if (!p)
			return -1;
		v = v * 64 + (size_t)(p - digits);
	}
	*out = v;
	return 0;
}

/* ---- cleaning a line of an entry -----------------------------------------*/
/* Copies s (n bytes) into out without stress marks (U+0300, U+0301), the
 * wiki-link brackets "[[" "]]", and with spans in () [] {} <> // turned into
 * one space. Returns the length. */
static size_t clean(const char *s, size_t n, char *out, size_t cap)
{
	size_t m = 0;
	char close = 0;
	for (size_t i = 0; i < n && m + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xCC && i + 1 < n &&
		    ((unsigned char)s[i + 1] == 0x81 || (unsigned char)s[i + 1] == 0x80)) {
			i++;
			continue;
		}
		if ((c == '[' || c == ']') && i + 1 < n && s[i + 1] == c) {
			i++;
			continue;
		}
		if (close) {
			if (c == (unsigned char)close) {
				close = 0;
				out[m++] = ' ';
			}
			continue;
		}
		switch (c) {
		case '(': close = ')'; continue;
		case '[': close = ']'; continue;
		case '{': close = '}'; continue;
		case '<': close = '>'; continue;
		case '/': close = '/'; continue;
		default: out[m++] = (char)c;
		}
	}
	out[m] = '\0';
	return m;
}

/* Skips a sense number ("1.", "2)") or a roman one ("I.", "IV.") at *p;
 * returns 1 when there was one. */
static int skip_number(const char **p)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	const char *q = s;
	if (*q >= '0' && *q <= '9') {
		while (*q >= '0' && *q <= '9')
			q++;
	} else {
		while (*q == 'I' || *q == 'V' || *q == 'X')
			q++;
	}
	if (q == s || (*q != '.' && *q != ')') || (q[1] != ' ' && q[1] != '\0'))
		return 0;
	*p = q + 1;
	return 1;
}

/* ---- phrases -----------------------------------------------------------------*/
#define MAX_SOURCE_KEYS 2

static int is_han(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
	       cp == 0x3005; /* 々 */
}

static int is_kana(int32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) || /* not ・ */
	       (cp >= 0x31F0 && cp <= 0x31FF);
}

/* How a folded Japanese word is written: bit 1 kanji, 2 hiragana,
 * 4 katakana, 8 anything else. */
static int writing(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		int k = ngi_utf8_decode(s + i, n - i, &cp);
		if (k <= 0)
			return 8;
		i += (size_t)k;
		w |= is_han(cp) ? 1 : cp >= 0x3041 && cp <= 0x309F ? 2
		     : is_kana(cp) ? 4 : 8;
	}
	return w;
}

/* OpenCC's conversion of s with the config, into the arena (NULL when it
 * fails). */
static char *convert(builder *b, opencc_t cc, const char *s)
{
	char *c = opencc_convert_utf8(cc, s, strlen(s));
	if (!c)
		return NULL;
	char *out = ngi_arena_strdup(&b->arena, c);
	opencc_convert_utf8_free(c);
	return out;
}

static int add_key(const char *lang, const char *w, size_t n, uint32_t *keys,
		   int k)
{
	char key[NGI_PIVOT_MAX_KEY];
	size_t kl = ngi_pivot_key(lang, w, n, key);
	if (!kl || ngi_is_stopword(lang, w, n) || k == MAX_SOURCE_KEYS)
		return k;
	uint32_t h = ngi_pivot_key_hash(lang, key, kl);
	for (int i = 0; i < k; i++)
		if (keys[i] == h)
			return k;
	keys[k] = h;
	return k + 1;
}

/* Keys of a Japanese headword (whole, folded, in kanji and kana, not in
 * hiragana alone) for ds->lang: "ja" itself; "zh" the traditional and
 * simplified forms of a word in kanji alone. Returns how many. */
static int unspaced_keys(builder *b, const dict_spec *ds, const char *s,
			 size_t n, uint32_t keys[MAX_SOURCE_KEYS])
{
	size_t fl;
	ngi_arena_reset(&b->arena);
	char *f = ngi_text_fold(s, n, &b->arena, &fl);
	if (!f || fl == 0)
		return 0;
	int w = writing(f, fl);
	if ((w & 8) || w == 2 || (via_kanji(ds) && w != 1))
		return 0;
	if (!via_kanji(ds))
		return add_key(ds->lang, f, fl, keys, 0);
	char *t = convert(b, b->jp2t, f);
	char *simple = t ? convert(b, b->t2s, t) : NULL;
	if (!simple)
		return 0;
	int k = add_key(ds->lang, simple, strlen(simple), keys, 0);
	return add_key(ds->lang, t, strlen(t), keys, k);
}

/* Analyses one phrase of lang. For a source phrase: the pivot key hashes
 * of its one word (none when it is not exactly one content word); returns
 * how many. */
static int source_keys(builder *b, const dict_spec *ds, const char *s,
		       size_t n, uint32_t keys[MAX_SOURCE_KEYS])
{
	const char *lang = ds->lang;
	if (strcmp(lang, "ja") == 0 || strcmp(lang, "zh") == 0)
		return unspaced_keys(b, ds, s, n, keys);
	ngi_doc d;
	ngi_arena_reset(&b->arena);
	if (ngi_text_analyze(b->tc, s, n, lang, &b->arena, &d))
		return 0;
	const ngi_token *w = NULL;
	for (size_t i = 0; i < d.n_tokens; i++) {
		const ngi_token *t = &d.tokens[i];
		if (t->kind == NGI_TOK_PUNCT)
			continue;
		if (t->kind != NGI_TOK_WORD || w) {
			b->skipped_multi++;
			return 0;
		}
		w = t;
	}
	if (!w || w->norm_len < 2 || ngi_is_stopword(lang, w->norm, w->norm_len))
		return 0;
	char key[NGI_PIVOT_MAX_KEY];
	size_t k = ngi_pivot_key(lang, w->stem, w->stem_len, key);
	if (!k)
		return 0;
	keys[0] = ngi_pivot_key_hash(lang, key, k);
	return 1;
}

/* English stem hashes of an English phrase of one or two content words into
 * out; returns how many (0: not a usable translation). */
static int english_stems(builder *b, const char *s, size_t n, uint32_t out[2])
{
	ngi_doc d;
	ngi_arena_reset(&b->arena);
	if (ngi_text_analyze(b->tc, s, n, "en", &b->arena, &d))
		return 0;
	int k = 0;
	for (size_t i = 0; i < d.n_tokens; i++) {
		const ngi_token *t = &d.tokens[i];
		if (t->kind == NGI_TOK_PUNCT)
			continue;
		if (t->kind != NGI_TOK_WORD)
			return 0;
		if (t->norm_len < 2 || ngi_is_stopword("en", t->norm, t->norm_len))
			continue;
		if (k == 2) {
			b->skipped_long++;
			return 0;
		}
		out[k++] = ngi_term_hash(NGI_TERM_STEM, t->stem, t->stem_len);
	}
	return k;
}

/* Calls fn on each phrase of a cleaned line: split on , and ;. */
typedef int (*phrase_fn)(builder *b, const dict_spec *ds, const char *s,
			 size_t n, void *ctx);

static int each_phrase(builder *b, const dict_spec *ds, const char *line,
		       phrase_fn fn, void *ctx)
{
	const char *p = line;
	while (*p) {
		size_t n = strcspn(p, ",;");
		const char *s = p;
		size_t m = n;
		while (m && (*s == ' ' || *s == '\t'))
			s++, m--;
		while (m && (s[m - 1] == ' ' || s[m - 1] == '.' || s[m - 1] == '\t'))
			m--;
		if (m && fn(b, ds, s, m, ctx))
			return -1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

typedef struct forward_ctx {
	uint32_t keys[MAX_SOURCE_KEYS];
	int n_keys, lang;
} forward_ctx;

static int forward_phrase(builder *b, const dict_spec *ds, const char *s,
			  size_t n, void *ctx)
{
	forward_ctx *fc = ctx;
	uint32_t t[2];
	int k = english_stems(b, s, n, t);
	for (int j = 0; j < fc->n_keys; j++)
		for (int i = 0; i < k; i++)
			if (add_record(b, fc->lang, fc->keys[j], t[i]))
				return -1;
	return 0;
}

typedef struct reverse_ctx { uint32_t t[2]; int n_t; int lang; } reverse_ctx;

static int reverse_phrase(builder *b, const dict_spec *ds, const char *s,
			  size_t n, void *ctx)
{
	reverse_ctx *rc = ctx;
	uint32_t keys[MAX_SOURCE_KEYS];
	int n_keys = source_keys(b, ds, s, n, keys);
	for (int j = 0; j < n_keys; j++)
		for (int i = 0; i < rc->n_t; i++)
			if (add_record(b, rc->lang, keys[j], rc->t[i]))
				return -1;
	return 0;
}

/* The translation lines of one entry body, cleaned, to fn. */
static int each_translation(builder *b, const dict_spec *ds, const char *body,
			    size_t len, phrase_fn fn, void *ctx)
{
	char line[4096], cleaned[4096];
	size_t pos = 0;
	int line_no = 0, senses = 0;
	while (pos < len) {
		const char *nl = memchr(body + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (body + pos)) : len - pos;
		const char *raw = body + pos;
		pos += n + 1;
		if (line_no++ == 0 || n == 0)
			continue; /* the headword line */
		/* notes, examples, synonyms and cross-references are indented
		 * (Ding) or start with a dash; a lone label line (" [Schw.]
		 * butcher") is a sense */
		if ((raw[0] == ' ' && !(n > 1 && raw[1] == '[')) || raw[0] == '\t' ||
		    raw[0] == '"' || raw[0] == '-')
			continue;
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, raw, n);
		line[n] = '\0';
		if (strncmp(line, "see:", 4) == 0 || strncmp(line, "Synonym", 7) == 0 ||
		    strncmp(line, "Note:", 5) == 0)
			continue;
		size_t m = clean(line, n, cleaned, sizeof cleaned);
		(void)m;
		const char *p = cleaned;
		int numbered = 0;
		while (skip_number(&p))
			numbered = 1;
		/* WikDict: the first line and numbered lines are senses, the
		 * line after each is a gloss in the source language */
		if (ds->wikdict && line_no > 2 && !numbered)
			continue;
		if (numbered || ds->wikdict) {
			if (++senses > MAX_SENSES)
				break;
			char *stop = strstr(p, ". ");
			if (stop)
				*stop = '\0';
		}
		if (each_phrase(b, ds, p, fn, ctx))
			return -1;
	}
	return 0;
}

static void missing(const char *path, const dict_spec *ds)
{
	fprintf(stderr, "mkpivot: %s: cannot read it: install the Debian package "
			"dict-freedict-%s (make deps), or build a table without "
			"dictionaries with make PIVOT=empty\n", path, ds->pair);
}

static int read_dict(builder *b, const char *dir, const dict_spec *ds)
{
	char path[4096];
	int lang = lang_index(ds->lang);
	snprintf(path, sizeof path, "%s/freedict-%s.dict.dz", dir, ds->pair);
	size_t dict_len = 0, index_len = 0;
	char *dict = read_gz(path, &dict_len);
	if (!dict) {
		missing(path, ds);
		return -1;
	}
	snprintf(path, sizeof path, "%s/freedict-%s.index", dir, ds->pair);
	char *index = read_gz(path, &index_len); /* gzread reads plain files too */
	if (!index) {
		missing(path, ds);
		free(dict);
		return -1;
	}
	size_t before = b->n;
	int rc = 0;
	char head[1024];
	for (char *line = index; *line && !rc;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		size_t off, len;
		if (t2 && !b64_value(t1 + 1, (size_t)(t2 - t1 - 1), &off) &&
		    !b64_value(t2 + 1, strlen(t2 + 1), &len) && off <= dict_len &&
		    len <= dict_len - off && len <= MAX_ENTRY_BYTES &&
		    strncmp(line, "00database", 10) != 0 &&
		    strncmp(line, "00-database", 11) != 0) {
			size_t hn = clean(line, (size_t)(t1 - line), head, sizeof head);
			if (!ds->reversed) {
				forward_ctx fc = {{0}, 0, lang};
				fc.n_keys = source_keys(b, ds, head, hn, fc.keys);
				if (fc.n_keys)
					rc = each_translation(b, ds, dict + off, len,
							      forward_phrase, &fc);
			} else {
				reverse_ctx rcx = {{0, 0}, 0, lang};
				rcx.n_t = english_stems(b, head, hn, rcx.t);
				if (rcx.n_t)
					rc = each_translation(b, ds, dict + off, len,
							      reverse_phrase, &rcx);
			}
		}
		line = end ? end + 1 : line + strlen(line);
	}
	fprintf(stderr, "mkpivot: %-8s %-2s %9zu pairs\n", ds->pair, ds->lang,
		b->n - before);
	free(index);
	free(dict);
	return rc;
}

/* ---- places: ICU's names of countries and cities ------------------------*/
static const struct {
	const char *locale, *lang;
} place_locales[] = {{"ja", "ja"}, {"zh_Hans", "zh"}, {"zh_Hant", "zh"}};
#define N_PLACE_LOCALES (sizeof place_locales / sizeof place_locales[0])

/* One place: its name in a place locale and in English (UTF-16). */
static int add_place(builder *b, size_t locale, const UChar *native,
		     int32_t native_len, const UChar *english, int32_t english_len)
{
	char nat[256], en[256], cleaned[256];
	UErrorCode err = U_ZERO_ERROR;
	u_strToUTF8(nat, sizeof nat, NULL, native, native_len, &err);
	u_strToUTF8(en, sizeof en, NULL, english, english_len, &err);
	if (U_FAILURE(err))
		return 0;
	/* "Congo - Kinshasa", "Myanmar (Burma)": the name before */
	char *dash = strstr(en, " - ");
	if (dash)
		*dash = '\0';
	size_t cl = clean(en, strlen(en), cleaned, sizeof cleaned);
	uint32_t t[2];
	int k = english_stems(b, cleaned, cl, t);
	if (k != 1)
		return 0;
	dict_spec ds = {"icu", place_locales[locale].lang, 0, 0};
	uint32_t keys[MAX_SOURCE_KEYS];
	size_t fl;
	ngi_arena_reset(&b->arena);
	char *f = ngi_text_fold(nat, strlen(nat), &b->arena, &fl);
	int w = f ? writing(f, fl) : 8;
	if ((w & 8) || w == 2)
		return 0;
	int n_keys = add_key(ds.lang, f, fl, keys, 0);
	int lang = lang_index(ds.lang);
	for (int j = 0; j < n_keys; j++)
		for (int i = 0; i < k; i++)
			if (add_record(b, lang, keys[j], t[i]))
				return -1;
	return 0;
}

static int read_places(builder *b)
{
	size_t before = b->n;
	for (size_t l = 0; l < N_PLACE_LOCALES; l++) {
		for (const char *const *c = uloc_getISOCountries(); *c; c++) {
			char loc[8];
			UChar nat[128], en[128];
			UErrorCode err = U_ZERO_ERROR;
			snprintf(loc, sizeof loc, "_%s", *c);
			int32_t nl = uloc_getDisplayCountry(
				loc, place_locales[l].locale, nat, 128, &err);
			int32_t el = uloc_getDisplayCountry(loc, "en", en, 128, &err);
			if (U_SUCCESS(err) && nl > 0 && el > 0 &&
			    add_place(b, l, nat, nl, en, el))
				return -1;
		}
	}
	UErrorCode err = U_ZERO_ERROR;
	UEnumeration *zones = ucal_openTimeZoneIDEnumeration(
		UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "mkpivot: ICU has no time zones: no cities\n");
		return 0;
	}
	static const UChar pattern[] = {'V', 'V', 'V', 0};
	static const UChar utc[] = {'U', 'T', 'C', 0};
	UDateFormat *fmt[N_PLACE_LOCALES + 1] = {0};
	int rc = 0;
	for (size_t l = 0; l <= N_PLACE_LOCALES && !rc; l++) {
		err = U_ZERO_ERROR;
		fmt[l] = udat_open(UDAT_PATTERN, UDAT_PATTERN,
				   l < N_PLACE_LOCALES ? place_locales[l].locale : "en",
				   utc, -1, pattern, -1, &err);
		if (U_FAILURE(err))
			rc = -1;
	}
	const char *id;
	int32_t id_len;
	err = U_ZERO_ERROR;
	while (!rc && (id = uenum_next(zones, &id_len, &err)) != NULL) {
		if (id_len >= 64 || strncmp(id, "Antarctica/", 11) == 0)
			continue;
		UChar zid[64], names[N_PLACE_LOCALES + 1][128];
		int32_t lens[N_PLACE_LOCALES + 1];
		u_uastrncpy(zid, id, 64);
		for (size_t l = 0; l <= N_PLACE_LOCALES; l++) {
			UErrorCode e2 = U_ZERO_ERROR;
			UCalendar *cal = ucal_open(zid, id_len, "en", UCAL_GREGORIAN,
						   &e2);
			if (U_SUCCESS(e2))
				udat_setCalendar(fmt[l], cal);
			lens[l] = U_SUCCESS(e2) ? udat_format(fmt[l], 0, names[l], 128,
							      NULL, &e2) : 0;
			if (cal)
				ucal_close(cal);
			if (U_FAILURE(e2))
				lens[l] = 0;
		}
		for (size_t l = 0; l < N_PLACE_LOCALES && !rc; l++)
			if (lens[l] > 0 && lens[N_PLACE_LOCALES] > 0)
				rc = add_place(b, l, names[l], lens[l],
					       names[N_PLACE_LOCALES],
					       lens[N_PLACE_LOCALES]);
	}
	for (size_t l = 0; l <= N_PLACE_LOCALES; l++)
		if (fmt[l])
			udat_close(fmt[l]);
	uenum_close(zones);
	fprintf(stderr, "mkpivot: ICU places ja zh %9zu pairs\n", b->n - before);
	return rc;
}

/* ---- writing -------------------------------------------------------------------*/
static int by_key(const void *x, const void *y)
{
	const record *a = x, *b = y;
	if (a->lang != b->lang)
		return a->lang < b->lang ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

typedef struct ranked { uint32_t target, votes, order; } ranked;

static int by_rank(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static int put32(FILE *f, uint32_t v)
{
	unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
			      (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	return fwrite(c, 1, 4, f) == 4 ? 0 : -1;
}

static int write_table(builder *b, const char *out_path)
{
	if (b->n)
		qsort(b->recs, b->n, sizeof *b->recs, by_key);
	uint32_t *keys = malloc((b->n + 1) * sizeof *keys);
	uint32_t *starts = malloc((b->n + 2) * sizeof *starts);
	uint32_t *targets = malloc((b->n + 1) * sizeof *targets);
	ranked *rk = malloc((b->n + 1) * sizeof *rk);
	uint32_t first[N_LANGS] = {0}, count[N_LANGS] = {0};
	size_t n_keys = 0, n_targets = 0;
	int rc = -1;
	if (!keys || !starts || !targets || !rk)
		goto done;
	for (size_t i = 0; i < b->n;) {
		size_t j = i, n_rk = 0;
		while (j < b->n && b->recs[j].lang == b->recs[i].lang &&
		       b->recs[j].key == b->recs[i].key) {
			/* runs of one target: votes and first order */
			if (n_rk && rk[n_rk - 1].target == b->recs[j].target)
				rk[n_rk - 1].votes++;
			else
				rk[n_rk++] = (ranked){b->recs[j].target, 1,
						      b->recs[j].order};
			j++;
		}
		qsort(rk, n_rk, sizeof *rk, by_rank);
		uint32_t lang = b->recs[i].lang;
		if (count[lang] == 0)
			first[lang] = (uint32_t)n_keys;
		count[lang]++;
		keys[n_keys] = b->recs[i].key;
		starts[n_keys++] = (uint32_t)n_targets;
		for (size_t k = 0; k < n_rk && k < NGI_PIVOT_MAX_TARGETS; k++)
			targets[n_targets++] = rk[k].target;
		i = j;
	}
	starts[n_keys] = (uint32_t)n_targets;
	FILE *f = fopen(out_path, "wb");
	if (!f) {
		perror(out_path);
		goto done;
	}
	int bad = put32(f, NGI_PIVOT_MAGIC) || put32(f, NGI_PIVOT_VERSION) ||
		  put32(f, N_LANGS);
	for (int l = 0; l < N_LANGS && !bad; l++) {
		char code[4] = {0};
		memcpy(code, langs[l], strlen(langs[l]));
		bad = fwrite(code, 1, 4, f) != 4 || put32(f, first[l]) ||
		      put32(f, count[l]);
	}
	bad = bad || put32(f, (uint32_t)n_keys) || put32(f, (uint32_t)n_targets);
	for (size_t i = 0; i < n_keys && !bad; i++)
		bad = put32(f, keys[i]);
	for (size_t i = 0; i <= n_keys && !bad; i++)
		bad = put32(f, starts[i]);
	for (size_t i = 0; i < n_targets && !bad; i++)
		bad = put32(f, targets[i]);
	if (fclose(f) || bad) {
		perror(out_path);
		remove(out_path);
		goto done;
	}
	for (int l = 0; l < N_LANGS; l++)
		if (count[l])
			fprintf(stderr, "mkpivot: %s: %u keys\n", langs[l], count[l]);
	fprintf(stderr, "mkpivot: %s: %zu keys, %zu targets, %zu bytes\n",
		out_path, n_keys, n_targets,
		4 * (5 + 3 * (size_t)N_LANGS + 2 * n_keys + 1 + n_targets));
	rc = 0;
done:
	free(keys);
	free(starts);
	free(targets);
	free(rk);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		/* each pair once: Japanese ones are read for zh again */
		for (size_t i = 0; i < NGI_ARRAY_LEN(dicts); i++) {
			size_t j = 0;
			while (j < i && strcmp(dicts[j].pair, dicts[i].pair) != 0)
				j++;
			if (j == i)
				printf("%s%s", i ? " " : "", dicts[i].pair);
		}
		printf("\n");
		return 0;
	}
	int empty = argc == 4 && !strcmp(argv[1], "--empty");
	if (argc != 3 && !empty) {
		fprintf(stderr, "usage: mkpivot [--empty] DICTDIR OUT.bin | "
				"mkpivot --list\n");
		return 2;
	}
	argv += empty;
	builder b = {0};
	if (ngi_text_ctx_new(&b.tc)) {
		fprintf(stderr, "mkpivot: out of memory\n");
		return 1;
	}
	ngi_arena_init(&b.arena, 64 * 1024);
	int rc = 0;
	/* every missing dictionary is named before the build stops */
	for (size_t i = 0; i < NGI_ARRAY_LEN(dicts) && !empty; i++) {
		char path[4096];
		const char *ext[] = {"dict.dz", "index"};
		for (int k = 0; k < 2; k++) {
			snprintf(path, sizeof path, "%s/freedict-%s.%s", argv[1],
				 dicts[i].pair, ext[k]);
			if (access(path, R_OK) != 0) {
				missing(path, &dicts[i]);
				rc = -1;
				break;
			}
		}
	}
	b.jp2t = b.t2s = (opencc_t)-1;
	if (!empty && !rc) {
		b.jp2t = opencc_open("jp2t.json");
		b.t2s = opencc_open("t2s.json");
		if (b.jp2t == (opencc_t)-1 || b.t2s == (opencc_t)-1) {
			fprintf(stderr, "mkpivot: OpenCC cannot open jp2t.json or "
					"t2s.json (%s): install the Debian package "
					"libopencc-dev (make deps)\n",
				opencc_error());
			rc = -1;
		}
	}
	for (size_t i = 0; i < NGI_ARRAY_LEN(dicts) && !empty && !rc; i++)
		rc = read_dict(&b, argv[1], &dicts[i]);
	if (!empty && !rc)
		rc = read_places(&b);
	if (b.jp2t != (opencc_t)-1)
		opencc_close(b.jp2t);
	if (b.t2s != (opencc_t)-1)
		opencc_close(b.t2s);
	if (!rc)
		rc = write_table(&b, argv[2]);
	if (rc)
		fprintf(stderr, "mkpivot: failed\n");
	ngi_arena_free(&b.arena);
	ngi_text_ctx_free(b.tc);
	free(b.recs);
	return rc ? 1 : 0;
}
