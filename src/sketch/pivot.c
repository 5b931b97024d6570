/*
 * pivot.c: lookups in the embedded pivot dictionary (pivot.h). Its answers
 * are English stem hashes, the terms of the sketch stage; pivot_terms.c
 * builds a document's language-neutral term bag from them.
 *
 * The table (tools/mkpivot.c writes it, pivot_table.S embeds it) is checked
 * once, on first use: magic, version, and every offset in range, so a
 * damaged or foreign (big-endian) table reads as empty instead of being
 * trusted. After that a lookup is a binary search in the keys of one
 * language.
 */
#include "pivot.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"

extern const unsigned char ngi_pivot_table[];
extern const unsigned char ngi_pivot_table_end[];

#define MAX_LANGS 64

typedef struct pivot_lang {
	char code[8];
	uint32_t packed; /* the code's 4 bytes, compared as one word */
	uint32_t first, count;
} pivot_lang;

/* A language code's first 4 bytes (NUL-padded) as one word; 0 for a code
 * longer than 4 bytes, which no table entry has. */
static uint32_t pack_code(const char *code)
{
	unsigned char c[4] = {0};
	size_t n = strlen(code);
	if (n > 4)
		return 0;
	memcpy(c, code, n);
	return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 |
	       (uint32_t)c[3] << 24;
}

typedef struct pivot_view {
	const uint32_t *keys, *starts, *targets;
	uint32_t n_keys, n_targets, n_langs;
	pivot_lang langs[MAX_LANGS];
	size_t bytes;
} pivot_view;

static pivot_view view;
static pthread_once_t view_once = PTHREAD_ONCE_INIT;

static void view_load(void)
{
	const unsigned char *p = ngi_pivot_table;
	size_t size = (size_t)(ngi_pivot_table_end - ngi_pivot_table);
	const uint32_t *w = (const uint32_t *)(const void *)p;
	size_t n_words = size / 4, at = 3;
	memset(&view, 0, sizeof view);
	if (n_words < 5 || w[0] != NGI_PIVOT_MAGIC || w[1] != NGI_PIVOT_VERSION ||
	    w[2] > MAX_LANGS || n_words < 5 + 3 * (size_t)w[2])
		return;
	uint32_t n_langs = w[2];
	pivot_lang langs[MAX_LANGS];
	for (uint32_t l = 0; l < n_langs; l++, at += 3) {
		memset(langs[l].code, 0, sizeof langs[l].code);
		memcpy(langs[l].code, &w[at], 4);
		langs[l].code[4] = '\0';
		langs[l].packed = pack_code(langs[l].code);
		langs[l].first = w[at + 1];
		langs[l].count = w[at + 2];
	}
	uint32_t n_keys = w[at], n_targets = w[at + 1];
	at += 2;
	if ((size_t)n_keys * 2 + 1 + n_targets > n_words - at)
		return;
	const uint32_t *keys = w + at, *starts = keys + n_keys,
		       *targets = starts + n_keys + 1;
	for (uint32_t l = 0; l < n_langs; l++)
		if (langs[l].first > n_keys || langs[l].count > n_keys - langs[l].first)
			return;
	if (starts[0] != 0)
		return;
	for (uint32_t i = 0; i < n_keys; i++)
		if (starts[i] > starts[i + 1] || starts[i + 1] > n_targets)
			return;
	view.keys = keys;
	view.starts = starts;
	view.targets = targets;
	view.n_keys = n_keys;
	view.n_targets = n_targets;
	view.n_langs = n_langs;
	memcpy(view.langs, langs, n_langs * sizeof *langs);
	view.bytes = size;
}

static const pivot_view *get_view(void)
{
	pthread_once(&view_once, view_load);
	return &view;
}

static const pivot_lang *find_lang(const pivot_view *v, const char *lang)
{
	lang = ngi_pivot_key_lang(lang);
	uint32_t packed = lang ? pack_code(lang) : 0;
	for (uint32_t l = 0; packed && l < v->n_langs; l++)
		if (v->langs[l].packed == packed)
			return v->langs[l].count ? &v->langs[l] : NULL;
	return NULL;
}

int ngi_pivot_has_lang(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0)
		return 1;
	return find_lang(get_view(), lang) != NULL;
}

size_t ngi_pivot_entries(void)
{
	return get_view()->n_keys;
}

size_t ngi_pivot_table_bytes(void)
{
	return get_view()->bytes;
}

/* Targets of one key hash in lang's range; returns how many were copied. */
static size_t find_key(const pivot_view *v, const pivot_lang *l, uint32_t h,
		       uint32_t *out, size_t max)
{
	uint32_t lo = l->first, hi = l->first + l->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v->keys[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= l->first + l->count || v->keys[lo] != h)
		return 0;
	size_t n = v->starts[lo + 1] - v->starts[lo];
	if (n > max)
		n = max;
	memcpy(out, v->targets + v->starts[lo], n * sizeof *out);
	return n;
}

#define COMPOUND_MIN_TAIL 4 /* code points of a compound's head noun */
#define COMPOUND_MIN_HEAD 3

size_t ngi_pivot_lookup(const char *lang, const char *stem, size_t len,
			uint32_t *out, size_t max)
{
	if (!lang || !stem || !len || !out || !max)
		return 0;
	if (strcmp(lang, "en") == 0) {
		out[0] = ngi_term_hash(NGI_TERM_STEM, stem, len);
		return 1;
	}
	const pivot_view *v = get_view();
	const pivot_lang *l = find_lang(v, lang);
	if (!l)
		return 0;
	char key[NGI_PIVOT_MAX_KEY];
	lang = ngi_pivot_key_lang(lang);
	size_t k = ngi_pivot_key(lang, stem, len, key);
	if (!k)
		return 0;
	size_t n = find_key(v, l, ngi_pivot_key_hash(lang, key, k), out, max);
	if (n || strcmp(lang, "de") != 0)
		return n;
	/* a German compound: its head is the last noun, so the longest
	 * known tail stands for it ("veteranenjournalist" -> "journalist") */
	size_t cps = ngi_utf8_count(key, k), head = 0;
	for (size_t i = 0; i < k;) {
		int32_t cp;
		int step = ngi_utf8_decode(key + i, k - i, &cp);
		if (step <= 0)
			break;
		i += (size_t)step;
		head++;
		if (head < COMPOUND_MIN_HEAD)
			continue;
		if (cps - head < COMPOUND_MIN_TAIL)
			break;
		n = find_key(v, l, ngi_pivot_key_hash(lang, key + i, k - i), out, max);
		if (n)
			return n;
	}
	return 0;
}
