/*
 * mkpivot.c: builds the pivot dictionary (src/sketch/pivot.h) at build time
 * from Debian's FreeDict dictionaries and Apertium language pairs.
 *
 *   mkpivot [--apertium DIR] DICTDIR OUT.bin   every source below, or fail
 *   mkpivot --empty DICTDIR OUT.bin            a table with no entries
 *   mkpivot --list                             the FreeDict pairs
 *   mkpivot --list-apertium                    the Apertium packages
 *
 * Sources (docs/CROSSLINGUAL.md has the table and what each one gained):
 *
 * - FreeDict, DICTDIR/freedict-<pair>.index and .dict.dz (dictd format: the
 *   index is "headword TAB offset TAB length", offsets in dictd's base64,
 *   into the gunzipped .dict.dz). X-English pairs are read forward
 *   (headword X, translations English), English-X pairs backwards.
 * - Apertium bilingual dictionaries (DIR/apertium-<pair>/<a>-<b>.autobil.bin,
 *   read through lt-print, mkpivot_att.c): "lemma<tags>" pairs.
 * - Chains: a dictionary between the keyed language and a third one that
 *   is already in the table (deu-rus read backwards: a Russian word, its
 *   German translations, their English stems). Each distinct third-language
 *   word is a route and lends its CHAIN_PER_ROUTE best own English stems
 *   (its chained ones too only when the keyed language has no dictionary
 *   into English of its own: Ukrainian through Russian's chains); a stem is
 *   ranked by the number of routes that give it; when some stem has
 *   CHAIN_MIN routes, only stems with that many are kept, else the best
 *   CHAIN_SINGLE.
 * - Forms: an Apertium morphological analyser (X.automorf.bin: surface form
 *   -> lemma) or a variety dictionary (nno-nob) gives keys that have no
 *   entry of their own the entry of their lemma, so inflected forms the
 *   crude stem does not reach are found ("stríðið" -> "stríð" -> war).
 *
 * Every source must be installed: a missing one stops the build with its
 * path and Debian package, so the table never silently depends on what the
 * build machine happens to have. An empty table is asked for with --empty.
 *
 * Both sides go through the library's own text analysis (ngi_text_analyze:
 * NFKC + case fold, Snowball) so the keys are exactly what documents give:
 * the source word must be one word (not a stopword), keyed by ngi_pivot_key
 * in its key language (ngi_pivot_key_lang: Croatian and Bosnian share
 * Serbian's keys); an English translation must have one or two content
 * words, each taken as its stem's term hash. Per source key the English
 * stems are ranked by how many entries give them, then by the order they
 * were first seen (forward dictionaries first, senses in dictionary order);
 * chained stems come after a key's own; the first NGI_PIVOT_MAX_TARGETS are
 * kept. Languages are resolved in the order of langs[], so a chain's third
 * language is complete before it is used.
 *
 * FreeDict entry bodies come in three layouts, told apart line by line:
 * Ding (deu-eng: translations on the first line, notes and examples
 * indented below), WikDict (pol-eng, eng-bul, deu-rus: numbered senses,
 * each followed by a gloss in the source language, which is skipped) and
 * the older FreeDict one (translations, possibly numbered, one sense a
 * line). Labels in brackets, part-of-speech tags, pronunciations and
 * parentheses are dropped; a numbered sense is cut at its first ". "
 * (eng-tur appends examples); stress marks of Bulgarian and Russian are
 * removed. Apertium lemmas lose their tags, sense numbers (":1", "¹") and
 * the "#" of multiword lemmas.
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
#include <time.h>
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
#include "mkpivot_att.h"

#define MAX_DICT_BYTES ((size_t)512 << 20)
#define MAX_ENTRY_BYTES 65536
#define MAX_SENSES 6 /* numbered senses read per entry: later ones drift */
#define MAX_ATT_PATHS 20000000L
/* Chains (measured on SlavicNER's Russian P@1, docs/CROSSLINGUAL.md) */
#define CHAIN_PER_ROUTE 2 /* English stems a third-language word lends */
#define CHAIN_MIN 2       /* routes a stem needs when some stem has them */
#define CHAIN_SINGLE 2    /* stems kept when no stem has CHAIN_MIN routes */

enum source_kind { FREEDICT, APERTIUM_BIDIX, APERTIUM_FORMS };

typedef struct source {
	int kind;
	const char *name;    /* FreeDict pair, or the Apertium file */
	const char *package; /* Apertium package (FreeDict: dict-freedict-<name>) */
	const char *lang;    /* the keyed language (its key language) */
	const char *via;     /* the other side: NULL for English */
	int reversed;        /* FreeDict: lang is the translations' side */
	int wikdict;         /* WikDict layout: gloss lines after senses */
} source;

#define FD(pair, lang, via, rev, wik) {FREEDICT, pair, NULL, lang, via, rev, wik}
#define AP(pkg, file, lang, via) {APERTIUM_BIDIX, file, "apertium-" pkg, lang, via, 0, 0}
#define FORMS(pkg, file, lang) {APERTIUM_FORMS, file, "apertium-" pkg, lang, lang, 0, 0}

/* Forward dictionaries first: their senses rank before reversed ones. */
static const source sources[] = {
	/* X -> English */
	FD("deu-eng", "de", NULL, 0, 0), FD("fra-eng", "fr", NULL, 0, 0),
	FD("ita-eng", "it", NULL, 0, 0), FD("spa-eng", "es", NULL, 0, 0),
	FD("pol-eng", "pl", NULL, 0, 1), FD("ces-eng", "cs", NULL, 0, 0),
	FD("slv-eng", "sl", NULL, 0, 0), FD("tur-eng", "tr", NULL, 0, 0),
	FD("ara-eng", "ar", NULL, 0, 0), FD("isl-eng", "is", NULL, 0, 0),
	FD("hrv-eng", "sr", NULL, 0, 0), FD("srp-eng", "sr", NULL, 0, 0),
	FD("nld-eng", "nl", NULL, 0, 0), FD("por-eng", "pt", NULL, 0, 0),
	FD("swe-eng", "sv", NULL, 0, 0), FD("dan-eng", "da", NULL, 0, 0),
	FD("fin-eng", "fi", NULL, 0, 1), FD("hun-eng", "hu", NULL, 0, 0),
	FD("lit-eng", "lt", NULL, 0, 0), FD("ell-eng", "el", NULL, 0, 1),
	FD("slk-eng", "sk", NULL, 0, 0), FD("lat-eng", "la", NULL, 0, 0),
	FD("cym-eng", "cy", NULL, 0, 0), FD("gle-eng", "ga", NULL, 0, 0),
	FD("afr-eng", "af", NULL, 0, 0), FD("swh-eng", "sw", NULL, 0, 0),
	FD("epo-eng", "eo", NULL, 0, 0), FD("kur-eng", "ku", NULL, 0, 0),
	/* Apertium bilingual dictionaries: X -> English */
	AP("isl-eng", "isl-eng.autobil.bin", "is", NULL),
	AP("hbs-eng", "hbs-eng.autobil.bin", "sr", NULL),
	AP("mkd-eng", "mkd-eng.autobil.bin", "mk", NULL),
	AP("eo-en", "eo-en.autobil.bin", "eo", NULL),
	AP("eu-en", "eu-en.autobil.bin", "eu", NULL),
	AP("eng-cat", "cat-eng.autobil.bin", "ca", NULL),
	AP("en-gl", "gl-en.autobil.bin", "gl", NULL),
	AP("eng-spa", "spa-eng.autobil.bin", "es", NULL),
	/* English -> X, read backwards */
	FD("eng-rus", "ru", NULL, 1, 0), FD("eng-bul", "bg", NULL, 1, 1),
	FD("eng-fra", "fr", NULL, 1, 0), FD("eng-ita", "it", NULL, 1, 0),
	FD("eng-spa", "es", NULL, 1, 0), FD("eng-pol", "pl", NULL, 1, 0),
	FD("eng-ces", "cs", NULL, 1, 0), FD("eng-tur", "tr", NULL, 1, 0),
	FD("eng-hrv", "sr", NULL, 1, 0), FD("eng-srp", "sr", NULL, 1, 0),
	FD("eng-nld", "nl", NULL, 1, 0), FD("eng-por", "pt", NULL, 1, 0),
	FD("eng-swe", "sv", NULL, 1, 0), FD("eng-dan", "da", NULL, 1, 0),
	FD("eng-nor", "no", NULL, 1, 1), FD("eng-fin", "fi", NULL, 1, 1),
	FD("eng-hun", "hu", NULL, 1, 0), FD("eng-lit", "lt", NULL, 1, 0),
	FD("eng-ell", "el", NULL, 1, 0), FD("eng-lat", "la", NULL, 1, 0),
	FD("eng-cym", "cy", NULL, 1, 0), FD("eng-gle", "ga", NULL, 1, 0),
	FD("eng-afr", "af", NULL, 1, 0), FD("eng-swh", "sw", NULL, 1, 0),
	FD("eng-hin", "hi", NULL, 1, 0), FD("eng-ind", "id", NULL, 1, 1),
	/* Japanese, and Chinese through the Japanese words in kanji */
	FD("jpn-eng", "ja", NULL, 0, 0), FD("eng-jpn", "ja", NULL, 1, 1),
	FD("jpn-eng", "zh", NULL, 0, 0), FD("eng-jpn", "zh", NULL, 1, 1),
	/* Russian through a third language: X-rus read backwards */
	FD("deu-rus", "ru", "de", 1, 1), FD("fra-rus", "ru", "fr", 1, 1),
	FD("ita-rus", "ru", "it", 1, 1), FD("pol-rus", "ru", "pl", 1, 1),
	FD("nld-rus", "ru", "nl", 1, 1), FD("swe-rus", "ru", "sv", 1, 1),
	FD("ell-rus", "ru", "el", 1, 1),
	/* French, Spanish, Italian through German */
	FD("fra-deu", "fr", "de", 0, 1), FD("deu-fra", "fr", "de", 1, 1),
	FD("spa-deu", "es", "de", 0, 0), FD("deu-spa", "es", "de", 1, 1),
	FD("ita-deu", "it", "de", 0, 0), FD("deu-ita", "it", "de", 1, 0),
	FD("pol-deu", "pl", "de", 0, 1), FD("deu-pol", "pl", "de", 1, 1),
	FD("tur-deu", "tr", "de", 0, 0), FD("deu-tur", "tr", "de", 1, 0),
	/* Bulgarian through a third language: X-bul read backwards */
	FD("deu-bul", "bg", "de", 1, 1), FD("fra-bul", "bg", "fr", 1, 1),
	FD("ita-bul", "bg", "it", 1, 1), FD("pol-bul", "bg", "pl", 1, 1),
	FD("nld-bul", "bg", "nl", 1, 1), FD("swe-bul", "bg", "sv", 1, 1),
	FD("ell-bul", "bg", "el", 1, 1), FD("fin-bul", "bg", "fi", 1, 1),
	/* Ukrainian and Belarusian through Russian, Macedonian through
	 * Bulgarian */
	AP("rus-ukr", "ukr-rus.autobil.bin", "uk", "ru"),
	AP("bel-rus", "bel-rus.autobil.bin", "be", "ru"),
	AP("hbs-slv", "slv-hbs.autobil.bin", "sl", "sr"),
	/* Romanian and Occitan through Spanish, Breton through French, Urdu
	 * through Hindi */
	AP("es-ro", "ro-es.autobil.bin", "ro", "es"),
	AP("oc-es", "oc-es.autobil.bin", "oc", "es"),
	AP("br-fr", "br-fr.autobil.bin", "br", "fr"),
	AP("urd-hin", "urd-hin.autobil.bin", "ur", "hi"),
	FD("mkd-bul", "mk", "bg", 0, 0),
	AP("mkd-bul", "mkd-bul.autobil.bin", "mk", "bg"),
	/* Nynorsk words as their Bokmål equivalents */
	FD("nno-nob", "no", "no", 0, 0),
	/* inflected forms -> lemmas (Apertium morphological analysers) */
	FORMS("isl-eng", "isl-eng.automorf.bin", "is"),
	FORMS("rus-ukr", "ukr-rus.automorf.bin", "uk"),
	FORMS("bel-rus", "bel-rus.automorf.bin", "be"),
	FORMS("mkd-eng", "mkd-eng.automorf.bin", "mk"),
	FORMS("hbs-eng", "hbs-eng.automorf.bin", "sr"),
	FORMS("hbs-slv", "slv-hbs.automorf.bin", "sl"),
};

/* The key languages, in the order they are resolved: a chain's third
 * language before the chain's. */
static const char *const langs[] = {
	"ar", "cs", "de", "es", "fr", "it", "pl", "tr", "is", "sr", "sl",
	"nl", "pt", "sv", "da", "no", "fi", "hu", "lt", "el", "sk", "la",
	"cy", "ga", "af", "sw", "eo", "ku", "hi", "id", "eu", "ca", "gl",
	"ru", "bg", "uk", "be", "mk", "ro", "oc", "br", "ur", "ja", "zh",
};
#define N_LANGS NGI_ARRAY_LEN(langs)

static int lang_index(const char *l)
{
	if (!l)
		return -1;
	l = ngi_pivot_key_lang(l);
	for (size_t i = 0; i < N_LANGS; i++)
		if (strcmp(langs[i], l) == 0)
			return (int)i;
	return -1;
}

/* A pair: the key of a word of lang and either an English stem hash (via
 * -1) or the key of a word of language via (a route of a chain, or, when
 * via is lang, a form's lemma). */
#define VIA_FUNCTION (-2) /* a form that can be a function word */

typedef struct record {
	uint32_t lang;
	uint32_t key;
	int32_t via;
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

static int add_record(builder *b, int lang, uint32_t key, int via,
		      uint32_t target)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1 << 16;
		record *r = realloc(b->recs, cap * sizeof *r);
		if (!r)
			return -1;
		b->recs = r;
		b->cap = cap;
	}
	b->recs[b->n++] = (record){(uint32_t)lang, key, via, target, b->order++};
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

static int unspaced(const char *lang)
{
	return lang && (strcmp(lang, "ja") == 0 || strcmp(lang, "zh") == 0);
}

/* Keys of a Japanese headword (whole, folded, in kanji and kana, not in
 * hiragana alone) for lang: "ja" itself; "zh" the traditional and
 * simplified forms of a word in kanji alone. Returns how many. */
static int unspaced_keys(builder *b, const char *lang, const char *s, size_t n,
			 uint32_t keys[MAX_SOURCE_KEYS])
{
	size_t fl;
	int via_kanji = strcmp(lang, "zh") == 0;
	ngi_arena_reset(&b->arena);
	char *f = ngi_text_fold(s, n, &b->arena, &fl);
	if (!f || fl == 0)
		return 0;
	int w = writing(f, fl);
	if ((w & 8) || w == 2 || (via_kanji && w != 1))
		return 0;
	if (!via_kanji)
		return add_key(lang, f, fl, keys, 0);
	char *t = convert(b, b->jp2t, f);
	char *simple = t ? convert(b, b->t2s, t) : NULL;
	if (!simple)
		return 0;
	int k = add_key(lang, simple, strlen(simple), keys, 0);
	return add_key(lang, t, strlen(t), keys, k);
}

/* Analyses one phrase of lang. For a source phrase: the pivot key hash of
 * its one word (0 when it is not exactly one content word). */
static uint32_t source_key(builder *b, const char *lang, const char *s, size_t n)
{
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
	const char *kl = ngi_pivot_key_lang(lang);
	size_t k = ngi_pivot_key(kl, w->stem, w->stem_len, key);
	return k ? ngi_pivot_key_hash(kl, key, k) : 0;
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

/* The terms of a phrase of lang (NULL: English): English stems, or the key
 * of a word (a language could give a word more than one key: add_pair
 * takes each). Returns how many, at most 2. */
static int side_terms(builder *b, const char *lang, const char *s, size_t n,
		      uint32_t out[2])
{
	if (!lang)
		return english_stems(b, s, n, out);
	if (unspaced(lang))
		return unspaced_keys(b, lang, s, n, out);
	out[0] = source_key(b, lang, s, n);
	return out[0] != 0;
}

/* The records of one pair of phrases: each key of the keyed side with each
 * term of the other side. */
static int add_pair(builder *b, const source *src, const uint32_t *keys,
		    int n_keys, const uint32_t *terms, int n_terms)
{
	int lang = lang_index(src->lang), via = src->via ? lang_index(src->via) : -1;
	for (int i = 0; i < n_keys; i++)
		for (int j = 0; j < n_terms; j++)
			if (add_record(b, lang, keys[i], via, terms[j]))
				return -1;
	return 0;
}

/* Calls fn on each phrase of a cleaned line: split on , and ;. */
typedef int (*phrase_fn)(builder *b, const source *src, const char *s,
			 size_t n, void *ctx);

static int each_phrase(builder *b, const source *ds, const char *line,
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

/* The translation lines of one entry body, cleaned, to fn. */
static int each_translation(builder *b, const source *ds, const char *body,
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
		/* the next sense's number glued to the end ("krig 2.", eng-nor) */
		size_t e = m;
		while (e && (cleaned[e - 1] == ' ' || cleaned[e - 1] == '.'))
			e--;
		size_t d = e;
		while (d && cleaned[d - 1] >= '0' && cleaned[d - 1] <= '9')
			d--;
		if (ds->wikdict && d < e && d > 0 && cleaned[d - 1] == ' ' && e < m)
			cleaned[d - 1] = '\0';
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

/* The head of an entry, as terms of its side. */
typedef struct entry_ctx { uint32_t head[2]; int n_head; } entry_ctx;

static int translation_phrase(builder *b, const source *src, const char *s,
			      size_t n, void *ctx)
{
	entry_ctx *ec = ctx;
	uint32_t t[2];
	if (!src->reversed) {
		int k = side_terms(b, src->via, s, n, t);
		return add_pair(b, src, ec->head, ec->n_head, t, k);
	}
	int k = side_terms(b, src->lang, s, n, t);
	return add_pair(b, src, t, k, ec->head, ec->n_head);
}

/* ---- reading the sources -------------------------------------------------------*/
static void source_path(const source *src, const char *dict_dir,
			const char *apertium_dir, const char *ext, char *out,
			size_t cap)
{
	if (src->kind == FREEDICT)
		snprintf(out, cap, "%s/freedict-%s.%s", dict_dir, src->name, ext);
	else
		snprintf(out, cap, "%s/%s/%s", apertium_dir, src->package, src->name);
}

static void missing(const char *path, const source *src)
{
	if (src->kind == FREEDICT)
		fprintf(stderr, "mkpivot: %s: cannot read it: install the Debian "
				"package dict-freedict-%s (make deps), or build a "
				"table without dictionaries with make PIVOT=empty\n",
			path, src->name);
	else
		fprintf(stderr, "mkpivot: %s: cannot read it: install the Debian "
				"package %s (make deps), or build a table without "
				"dictionaries with make PIVOT=empty\n",
			path, src->package);
}

static int read_freedict(builder *b, const char *dir, const source *ds)
{
	char path[4096];
	size_t dict_len = 0, index_len = 0;
	source_path(ds, dir, NULL, "dict.dz", path, sizeof path);
	char *dict = read_gz(path, &dict_len);
	if (!dict) {
		missing(path, ds);
		return -1;
	}
	source_path(ds, dir, NULL, "index", path, sizeof path);
	char *index = read_gz(path, &index_len); /* gzread reads plain files too */
	if (!index) {
		missing(path, ds);
		free(dict);
		return -1;
	}
	/* the head is the keyed language's word, or the other side's */
	const char *head_lang = ds->reversed ? ds->via : ds->lang;
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
			entry_ctx ec;
			ec.n_head = side_terms(b, head_lang, head, hn, ec.head);
			if (ec.n_head)
				rc = each_translation(b, ds, dict + off, len,
						      translation_phrase, &ec);
		}
		line = end ? end + 1 : line + strlen(line);
	}
	free(index);
	free(dict);
	return rc;
}

/* An Apertium lemma: up to its first tag, without the "#" of multiword
 * lemmas and sense numbers (":1", superscript digits). Returns its length,
 * 0 for a compound analysis ("a<n>+b<n>"). */
static size_t apertium_lemma(const char *s, char *out, size_t cap)
{
	if (strchr(s, '+') && strchr(s, '<') && strchr(s, '+') > strchr(s, '<'))
		return 0;
	size_t m = 0;
	for (size_t i = 0; s[i] && s[i] != '<' && m + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '#')
			continue;
		if (c == ':' && s[i + 1] >= '0' && s[i + 1] <= '9')
			break;
		/* ¹ ² ³ (C2 B9, C2 B2, C2 B3) and U+2070..2079 (E2 81 B0..B9) */
		if (c == 0xC2 && ((unsigned char)s[i + 1] == 0xB9 ||
				  (unsigned char)s[i + 1] == 0xB2 ||
				  (unsigned char)s[i + 1] == 0xB3)) {
			i++;
			continue;
		}
		if (c == 0xE2 && (unsigned char)s[i + 1] == 0x81 &&
		    (unsigned char)s[i + 2] >= 0xB0 && (unsigned char)s[i + 2] <= 0xB9) {
			i += 2;
			continue;
		}
		out[m++] = (char)c;
	}
	while (m && out[m - 1] == ' ')
		m--;
	out[m] = '\0';
	return m;
}

/* 1 when an analysis carries a closed-class tag: prepositions, pronouns,
 * determiners, conjunctions, auxiliary verbs, particles. */
static int function_word(const char *analysis)
{
	static const char *const tags[] = {
		"<pr>", "<prn>", "<det>", "<cnjcoo>", "<cnjsub>", "<cnjadv>",
		"<vbser>", "<vaux>", "<vbhaver>", "<vbmod>", "<rel>", "<part>",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(tags); i++)
		if (strstr(analysis, tags[i]))
			return 1;
	return 0;
}

/* A bilingual dictionary's lemma pairs, collected to be read shortest
 * source lemma first (the base word before its derivations: Catalan
 * "guerra" before "guerrer", which Snowball cuts alike) and each pair once
 * (tag variants, "guerrer<n><m>" and "<n><f>", are one entry). */
typedef struct lemma_pair { size_t in, out, in_len; } lemma_pair;

typedef struct apertium_ctx {
	builder *b;
	const source *src;
	lemma_pair *pairs;
	size_t n_pairs, cap_pairs;
	char *text; /* the lemmas, NUL-separated */
	size_t n_text, cap_text;
} apertium_ctx;

static const char *sort_text; /* the lemmas by_lemmas compares */

static int by_lemmas(const void *x, const void *y)
{
	const lemma_pair *a = x, *b = y;
	const char *t = sort_text;
	if (a->in_len != b->in_len)
		return a->in_len < b->in_len ? -1 : 1;
	int c = strcmp(t + a->in, t + b->in);
	return c ? c : strcmp(t + a->out, t + b->out);
}

static int keep_text(apertium_ctx *ac, const char *s, size_t n, size_t *at)
{
	if (ac->n_text + n + 1 > ac->cap_text) {
		size_t cap = ac->cap_text ? ac->cap_text * 2 : 1 << 20;
		while (cap < ac->n_text + n + 1)
			cap *= 2;
		char *t = realloc(ac->text, cap);
		if (!t)
			return -1;
		ac->text = t;
		ac->cap_text = cap;
	}
	memcpy(ac->text + ac->n_text, s, n);
	ac->text[ac->n_text + n] = '\0';
	*at = ac->n_text;
	ac->n_text += n + 1;
	return 0;
}

/* The records of one pair: a lemma and its translation, or a surface form
 * and its lemma. */
static int apertium_pair(apertium_ctx *ac, const char *a, size_t na,
			 const char *o, size_t no)
{
	uint32_t key[2], t[2];
	int nk = side_terms(ac->b, ac->src->lang, a, na, key);
	if (!nk)
		return 0;
	int nt = side_terms(ac->b, ac->src->via, o, no, t);
	/* a form whose key is its lemma's adds nothing */
	if (ac->src->kind == APERTIUM_FORMS && nt && t[0] == key[0])
		return 0;
	return add_pair(ac->b, ac->src, key, nk, t, nt);
}

/* One path: a bilingual pair of lemmas (kept for later), or a surface form
 * and one of its analyses. */
static int apertium_path(const char *in, const char *out, void *ctx)
{
	apertium_ctx *ac = ctx;
	char a[1024], o[1024];
	size_t na, no;
	if (ac->src->kind == APERTIUM_FORMS) {
		na = strlen(in);
		if (na >= sizeof a || strchr(in, '<'))
			return 0;
		memcpy(a, in, na + 1);
	} else {
		na = apertium_lemma(in, a, sizeof a);
	}
	no = apertium_lemma(out, o, sizeof o);
	if (!na || !no)
		return 0;
	if (ac->src->kind == APERTIUM_BIDIX) {
		lemma_pair p = {0, 0, ngi_utf8_count(a, na)};
		if (ngi_grow((void **)&ac->pairs, &ac->cap_pairs, ac->n_pairs + 1,
			     sizeof *ac->pairs) ||
		    keep_text(ac, a, na, &p.in) || keep_text(ac, o, no, &p.out))
			return -1;
		ac->pairs[ac->n_pairs++] = p;
		return 0;
	}
	/* a form that can be a function word is no content word's form */
	if (function_word(out)) {
		uint32_t key[2];
		if (!side_terms(ac->b, ac->src->lang, a, na, key))
			return 0;
		return add_record(ac->b, lang_index(ac->src->lang), key[0],
				  VIA_FUNCTION, 0);
	}
	/* a form that is its lemma adds nothing */
	if (na == no && !memcmp(a, o, na))
		return 0;
	return apertium_pair(ac, a, na, o, no);
}

static int read_apertium(builder *b, const char *dir, const source *src)
{
	char path[4096];
	source_path(src, NULL, dir, NULL, path, sizeof path);
	apertium_ctx ac = {b, src, NULL, 0, 0, NULL, 0, 0};
	long n = att_each_path(path, MAX_ATT_PATHS, apertium_path, &ac);
	int rc = n < 0 ? -1 : 0;
	if (!rc && ac.n_pairs) {
		sort_text = ac.text;
		qsort(ac.pairs, ac.n_pairs, sizeof *ac.pairs, by_lemmas);
		for (size_t i = 0; i < ac.n_pairs && !rc; i++) {
			const lemma_pair *p = &ac.pairs[i];
			if (i && !by_lemmas(&ac.pairs[i - 1], p))
				continue;
			const char *in = ac.text + p->in, *out = ac.text + p->out;
			rc = apertium_pair(&ac, in, strlen(in), out, strlen(out));
		}
	}
	free(ac.pairs);
	free(ac.text);
	return rc;
}

static int read_source(builder *b, const char *dict_dir, const char *apertium_dir,
		       const source *src)
{
	size_t before = b->n;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = src->kind == FREEDICT ? read_freedict(b, dict_dir, src)
				       : read_apertium(b, apertium_dir, src);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "mkpivot: %-22s %-2s %9zu pairs %6.2f s\n", src->name,
		src->lang, b->n - before,
		(double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return rc;
}

/* ---- resolving: records -> each key's English stems ---------------------------*/
static int by_key(const void *x, const void *y)
{
	const record *a = x, *b = y;
	if (a->lang != b->lang)
		return a->lang < b->lang ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->via != b->via)
		return a->via < b->via ? -1 : 1;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

typedef struct cand { uint32_t target, votes, order; } cand;

static int by_rank(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

static int by_target(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* Candidates with equal targets merged (votes added, first order kept),
 * then ranked; returns the new count. */
static size_t merge_cands(cand *c, size_t n)
{
	if (!n)
		return 0;
	qsort(c, n, sizeof *c, by_target);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && c[m - 1].target == c[i].target)
			c[m - 1].votes += c[i].votes;
		else
			c[m++] = c[i];
	}
	qsort(c, m, sizeof *c, by_rank);
	return m;
}

typedef struct table {
	uint32_t *keys, *starts, *targets;
	unsigned char *n_own; /* per key: how many targets are its own */
	size_t n_keys, n_targets, cap_keys, cap_targets;
	uint32_t first[N_LANGS], count[N_LANGS];
} table;

static int table_add(table *t, uint32_t key, const uint32_t *targets, size_t n,
		     size_t n_own)
{
	if (t->n_keys + 2 > t->cap_keys) {
		size_t cap = t->cap_keys ? t->cap_keys * 2 : 1 << 16;
		uint32_t *k = realloc(t->keys, cap * sizeof *k);
		if (!k)
			return -1;
		t->keys = k;
		uint32_t *s = realloc(t->starts, cap * sizeof *s);
		if (!s)
			return -1;
		t->starts = s;
		unsigned char *o = realloc(t->n_own, cap);
		if (!o)
			return -1;
		t->n_own = o;
		t->cap_keys = cap;
	}
	if (t->n_targets + n > t->cap_targets) {
		size_t cap = t->cap_targets ? t->cap_targets * 2 : 1 << 17;
		uint32_t *g = realloc(t->targets, cap * sizeof *g);
		if (!g)
			return -1;
		t->targets = g;
		t->cap_targets = cap;
	}
	t->keys[t->n_keys] = key;
	t->n_own[t->n_keys] = (unsigned char)n_own;
	t->starts[t->n_keys++] = (uint32_t)t->n_targets;
	if (n)
		memcpy(t->targets + t->n_targets, targets, n * sizeof *targets);
	t->n_targets += n;
	t->starts[t->n_keys] = (uint32_t)t->n_targets;
	return 0;
}

/* The index of key in a sorted run of keys (first, count) of t, or -1. */
static long run_find(const table *t, size_t first, size_t count, uint32_t key)
{
	size_t lo = first, hi = first + count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < first + count && t->keys[lo] == key ? (long)lo : -1;
}

/* One key's own entries and chained ones, from its records r[0..n). */
static size_t resolve_key(const table *t, const record *r, size_t n,
			  int deep, cand *c, uint32_t out[NGI_PIVOT_MAX_TARGETS],
			  size_t *n_own)
{
	size_t n_out = 0, n_c = 0;
	/* its own English stems: runs of one target */
	for (size_t i = 0; i < n && r[i].via < 0; i++) {
		if (r[i].via == VIA_FUNCTION)
			continue;
		if (n_c && c[n_c - 1].target == r[i].target)
			c[n_c - 1].votes++;
		else
			c[n_c++] = (cand){r[i].target, 1, r[i].order};
	}
	qsort(c, n_c, sizeof *c, by_rank);
	for (size_t k = 0; k < n_c && n_out < NGI_PIVOT_MAX_TARGETS; k++)
		out[n_out++] = c[k].target;
	*n_own = n_out;
	/* chains: each distinct third-language word lends its best own stems;
	 * its chained ones too only in a language with no dictionary of its
	 * own into English (deep: Ukrainian through Russian's chains) */
	n_c = 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].via < 0 || r[i].via == (int32_t)r[i].lang)
			continue;
		if (i && r[i - 1].via == r[i].via && r[i - 1].target == r[i].target)
			continue;
		long at = run_find(t, t->first[r[i].via], t->count[r[i].via],
				   r[i].target);
		if (at < 0)
			continue;
		const uint32_t *tg = t->targets + t->starts[at];
		size_t k = deep ? t->starts[at + 1] - t->starts[at] : t->n_own[at];
		if (!k)
			continue;
		for (size_t j = 0; j < k && j < CHAIN_PER_ROUTE; j++)
			c[n_c++] = (cand){tg[j], 1, r[i].order * 4 + (uint32_t)j};
	}
	n_c = merge_cands(c, n_c);
	uint32_t min_votes = n_c && c[0].votes >= CHAIN_MIN ? CHAIN_MIN : 1;
	size_t kept = 0;
	for (size_t k = 0; k < n_c && n_out < NGI_PIVOT_MAX_TARGETS; k++) {
		if (c[k].votes < min_votes || (min_votes == 1 && kept == CHAIN_SINGLE))
			break;
		int dup = 0;
		for (size_t m = 0; m < n_out; m++)
			dup |= out[m] == c[k].target;
		if (!dup)
			out[n_out++] = c[k].target, kept++;
	}
	return n_out;
}

/* A form's stems: those of its lemmas (keys of the same language resolved
 * before forms, in key order keys[0..n_keys)). */
static size_t resolve_form(const table *own, const record *r, size_t n,
			   cand *c, uint32_t out[NGI_PIVOT_MAX_TARGETS])
{
	size_t n_c = 0, n_out = 0;
	if (n && r[0].via == VIA_FUNCTION)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (r[i].via != (int32_t)r[i].lang)
			continue;
		long at = run_find(own, 0, own->n_keys, r[i].target);
		if (at < 0)
			continue;
		const uint32_t *tg = own->targets + own->starts[at];
		size_t k = own->starts[at + 1] - own->starts[at];
		for (size_t j = 0; j < k; j++)
			c[n_c++] = (cand){tg[j], 1, r[i].order * 4 + (uint32_t)j};
	}
	n_c = merge_cands(c, n_c);
	for (size_t k = 0; k < n_c && n_out < NGI_PIVOT_MAX_TARGETS; k++)
		out[n_out++] = c[k].target;
	return n_out;
}

/* Resolves language l (records r[0..n), sorted) into t. */
static int resolve_lang(table *t, int l, const record *r, size_t n)
{
	/* pass 1: every key's own and chained stems, in key order */
	table own = {0};
	cand *c = malloc((4 * n + 1) * sizeof *c);
	int rc = c ? 0 : -1, deep = 1;
	for (size_t i = 0; i < n && deep; i++)
		deep = r[i].via != -1;
	for (size_t i = 0; i < n && !rc;) {
		size_t j = i;
		while (j < n && r[j].key == r[i].key)
			j++;
		uint32_t out[NGI_PIVOT_MAX_TARGETS];
		size_t n_own = 0;
		size_t k = resolve_key(t, r + i, j - i, deep, c, out, &n_own);
		rc = table_add(&own, r[i].key, out, k, n_own);
		i = j;
	}
	/* pass 2: keys without stems take their lemmas' */
	t->first[l] = (uint32_t)t->n_keys;
	size_t g = 0;
	for (size_t i = 0; i < n && !rc; g++) {
		size_t j = i;
		while (j < n && r[j].key == r[i].key)
			j++;
		uint32_t out[NGI_PIVOT_MAX_TARGETS];
		size_t k = own.starts[g + 1] - own.starts[g], n_own = own.n_own[g];
		if (k)
			memcpy(out, own.targets + own.starts[g], k * sizeof *out);
		else
			k = n_own = resolve_form(&own, r + i, j - i, c, out);
		if (k)
			rc = table_add(t, r[i].key, out, k, n_own);
		i = j;
	}
	t->count[l] = (uint32_t)(t->n_keys - t->first[l]);
	free(c);
	free(own.keys);
	free(own.starts);
	free(own.targets);
	free(own.n_own);
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
	const char *place_lang = place_locales[locale].lang;
	uint32_t keys[MAX_SOURCE_KEYS];
	size_t fl;
	ngi_arena_reset(&b->arena);
	char *f = ngi_text_fold(nat, strlen(nat), &b->arena, &fl);
	int w = f ? writing(f, fl) : 8;
	if ((w & 8) || w == 2)
		return 0;
	int n_keys = add_key(place_lang, f, fl, keys, 0);
	int lang = lang_index(place_lang);
	for (int j = 0; j < n_keys; j++)
		for (int i = 0; i < k; i++)
			if (add_record(b, lang, keys[j], -1, t[i]))
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
	table t = {0};
	int rc = -1;
	/* every language's run of records, resolved in langs[] order */
	size_t lo[N_LANGS + 1] = {0}, hi[N_LANGS + 1] = {0};
	for (size_t i = 0; i < b->n; i++) {
		uint32_t l = b->recs[i].lang;
		if (hi[l] == 0)
			lo[l] = i;
		hi[l] = i + 1;
	}
	for (size_t l = 0; l < N_LANGS; l++)
		if (resolve_lang(&t, (int)l, b->recs + lo[l], hi[l] - lo[l]))
			goto done;
	FILE *f = fopen(out_path, "wb");
	if (!f) {
		perror(out_path);
		goto done;
	}
	int bad = put32(f, NGI_PIVOT_MAGIC) || put32(f, NGI_PIVOT_VERSION) ||
		  put32(f, (uint32_t)N_LANGS);
	for (size_t l = 0; l < N_LANGS && !bad; l++) {
		char code[4] = {0};
		memcpy(code, langs[l], strlen(langs[l]));
		bad = fwrite(code, 1, 4, f) != 4 || put32(f, t.first[l]) ||
		      put32(f, t.count[l]);
	}
	bad = bad || put32(f, (uint32_t)t.n_keys) || put32(f, (uint32_t)t.n_targets);
	for (size_t i = 0; i < t.n_keys && !bad; i++)
		bad = put32(f, t.keys[i]);
	for (size_t i = 0; i <= t.n_keys && !bad; i++)
		bad = put32(f, t.n_keys ? t.starts[i] : 0);
	for (size_t i = 0; i < t.n_targets && !bad; i++)
		bad = put32(f, t.targets[i]);
	if (fclose(f) || bad) {
		perror(out_path);
		remove(out_path);
		goto done;
	}
	for (size_t l = 0; l < N_LANGS; l++)
		if (t.count[l])
			fprintf(stderr, "mkpivot: %s: %u keys\n", langs[l], t.count[l]);
	fprintf(stderr, "mkpivot: %s: %zu keys, %zu targets, %zu bytes\n",
		out_path, t.n_keys, t.n_targets,
		4 * (5 + 3 * (size_t)N_LANGS + 2 * t.n_keys + 1 + t.n_targets));
	rc = 0;
done:
	free(t.keys);
	free(t.starts);
	free(t.targets);
	free(t.n_own);
	return rc;
}

/* ---- main ---------------------------------------------------------------------*/
static int usage(void)
{
	fprintf(stderr, "usage: mkpivot [--empty] [--apertium DIR] DICTDIR OUT.bin | "
			"mkpivot --list | mkpivot --list-apertium\n");
	return 2;
}

/* Lists the FreeDict pairs, or the Apertium packages (each once). */
static void list_sources(int apertium)
{
	int first = 1;
	for (size_t i = 0; i < NGI_ARRAY_LEN(sources); i++) {
		const source *s = &sources[i];
		if ((s->kind == FREEDICT) == apertium)
			continue;
		const char *name = apertium ? s->package : s->name;
		int seen = 0; /* jpn-eng is read twice (ja, zh): listed once */
		for (size_t j = 0; j < i; j++)
			seen |= (sources[j].kind == FREEDICT) == !apertium &&
				strcmp(apertium ? sources[j].package : sources[j].name,
				       name) == 0;
		if (seen)
			continue;
		printf("%s%s", first ? "" : " ", name);
		first = 0;
	}
	printf("\n");
}

/* A source's languages must be key languages, a chain's third language
 * resolved before its own: a mistake in the lists above. */
static int check_sources(void)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(sources); i++) {
		int l = lang_index(sources[i].lang);
		int v = sources[i].via ? lang_index(sources[i].via) : -1;
		if (l < 0 || (sources[i].via && (v < 0 || v > l))) {
			fprintf(stderr, "mkpivot: %s: its languages are not in "
					"langs[] in order\n", sources[i].name);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		list_sources(0);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--list-apertium")) {
		list_sources(1);
		return 0;
	}
	int empty = 0;
	const char *apertium_dir = "/usr/share/apertium";
	int a = 1;
	for (; a < argc && argv[a][0] == '-' && argv[a][1] == '-'; a++) {
		if (!strcmp(argv[a], "--empty"))
			empty = 1;
		else if (!strcmp(argv[a], "--apertium") && a + 1 < argc)
			apertium_dir = argv[++a];
		else
			return usage();
	}
	if (argc - a != 2)
		return usage();
	const char *dict_dir = argv[a], *out = argv[a + 1];
	if (check_sources())
		return 1;
	builder b = {0};
	if (ngi_text_ctx_new(&b.tc)) {
		fprintf(stderr, "mkpivot: out of memory\n");
		return 1;
	}
	ngi_arena_init(&b.arena, 64 * 1024);
	int rc = 0;
	/* every missing source is named before the build stops */
	for (size_t i = 0; i < NGI_ARRAY_LEN(sources) && !empty; i++) {
		char path[4096];
		const char *ext[] = {"dict.dz", "index"};
		for (int k = 0; k < (sources[i].kind == FREEDICT ? 2 : 1); k++) {
			source_path(&sources[i], dict_dir, apertium_dir, ext[k], path,
				    sizeof path);
			if (access(path, R_OK) != 0) {
				missing(path, &sources[i]);
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
	for (size_t i = 0; i < NGI_ARRAY_LEN(sources) && !empty && !rc; i++)
		rc = read_source(&b, dict_dir, apertium_dir, &sources[i]);
	if (!empty && !rc)
		rc = read_places(&b);
	if (b.jp2t != (opencc_t)-1)
		opencc_close(b.jp2t);
	if (b.t2s != (opencc_t)-1)
		opencc_close(b.t2s);
	if (!rc)
		rc = write_table(&b, out);
	if (rc)
		fprintf(stderr, "mkpivot: failed\n");
	ngi_arena_free(&b.arena);
	ngi_text_ctx_free(b.tc);
	free(b.recs);
	return rc ? 1 : 0;
}
