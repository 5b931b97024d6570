/*
 * stem.c: Snowball stems for folded words, through libstemmer.
 *
 * ngi_text_analyze stems every WORD token of a document in the document's
 * language; the stems feed the story matcher and the sketches, so that
 * "running" and "runs" meet. An ngi_stemmer_set (one per ngi_text_ctx, so
 * one per thread) holds a libstemmer instance per language, made on first
 * use, and a bounded memo of recent results: news vocabulary repeats, and a
 * hash probe is far cheaper than a Snowball run. The memo lives in its own
 * arena and is dropped whole when full; results are always copied into the
 * caller's arena, so nothing a document holds points into it.
 */
#include "textint.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* ISO 639-1 code -> Snowball algorithm, for every language libstemmer 2.2
 * has ("porter" is the old English one and is not used). Croatian and
 * Bosnian use the Serbian one: written for Serbo-Croatian, it reads both
 * scripts (Cyrillic is transliterated) and both the ijekavian and ekavian
 * forms, so the three languages share stems. */
static const struct {
	char lang[4];
	const char *algorithm;
} algorithms[] = {
	{"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},
	{"de", "german"},     {"el", "greek"},     {"en", "english"},
	{"es", "spanish"},    {"eu", "basque"},    {"fi", "finnish"},
	{"fr", "french"},     {"ga", "irish"},     {"hi", "hindi"},
	{"bs", "serbian"},    {"hr", "serbian"},
	{"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"},
	{"it", "italian"},    {"lt", "lithuanian"}, {"nb", "norwegian"},
	{"ne", "nepali"},     {"nl", "dutch"},     {"nn", "norwegian"},
	{"no", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},
	{"ru", "russian"},    {"sr", "serbian"},   {"sv", "swedish"},
	{"ta", "tamil"},      {"tr", "turkish"},   {"yi", "yiddish"},
};

#define N_ALGORITHMS NGI_ARRAY_LEN(algorithms)

static int algorithm_index(const char *lang)
{
	if (!lang)
		return -1;
	for (size_t i = 0; i < N_ALGORITHMS; i++)
		if (strcmp(algorithms[i].lang, lang) == 0)
			return (int)i;
	return -1;
}

const char *ngi_stem_algorithm(const char *lang)
{
	int i = algorithm_index(lang);
	return i < 0 ? NULL : algorithms[i].algorithm;
}

/* ---- memo ---------------------------------------------------------------- */
#define MEMO_SLOTS 65536 /* power of two */
#define MEMO_MAX_USED (MEMO_SLOTS / 2)
#define MEMO_MAX_BYTES (4u << 20)

typedef struct memo_entry {
	const char *norm; /* NULL: empty slot */
	const char *stem; /* NULL: the stem is the norm itself */
	uint32_t hash;
	uint16_t norm_len, stem_len;
	int algorithm;
} memo_entry;

struct ngi_stemmer_set {
	struct sb_stemmer *stemmers[N_ALGORITHMS];
	unsigned char unavailable[N_ALGORITHMS];
	int selected; /* index into algorithms, -1 for none */
	memo_entry *memo;
	size_t memo_used;
	ngi_arena memo_arena;
};

ngi_stemmer_set *ngi_stemmer_set_new(void)
{
	ngi_stemmer_set *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->memo = calloc(MEMO_SLOTS, sizeof(*s->memo));
	if (!s->memo) {
		free(s);
		return NULL;
	}
	s->selected = -1;
	ngi_arena_init(&s->memo_arena, 256 * 1024);
	return s;
}

void ngi_stemmer_set_free(ngi_stemmer_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < N_ALGORITHMS; i++)
		if (s->stemmers[i])
			sb_stemmer_delete(s->stemmers[i]);
	ngi_arena_free(&s->memo_arena);
	free(s->memo);
	free(s);
}

static int libstemmer_has(const char *algorithm)
{
	for (const char **l = sb_stemmer_list(); *l; l++)
		if (strcmp(*l, algorithm) == 0)
			return 1;
	return 0;
}

int ngi_stemmer_select(ngi_stemmer_set *s, const char *lang)
{
	int i = algorithm_index(lang);
	s->selected = -1;
	if (i < 0 || s->unavailable[i])
		return 0;
	if (!s->stemmers[i]) {
		s->stemmers[i] =
			sb_stemmer_new(algorithms[i].algorithm, "UTF_8");
		if (!s->stemmers[i]) {
			/* An older libstemmer may lack the language: then words
			 * stay unstemmed. Otherwise it ran out of memory. */
			if (libstemmer_has(algorithms[i].algorithm))
				return -1;
			s->unavailable[i] = 1;
			return 0;
		}
	}
	s->selected = i;
	return 1;
}

static void memo_clear(ngi_stemmer_set *s)
{
	memset(s->memo, 0, MEMO_SLOTS * sizeof(*s->memo));
	s->memo_used = 0;
	ngi_arena_reset(&s->memo_arena);
}

/* Remembers norm -> stem (stem NULL when equal). Failure to remember is
 * not an error: the memo is only a shortcut. */
static void memo_put(ngi_stemmer_set *s, memo_entry *slot, uint32_t h,
		     const char *norm, size_t len, const char *stem,
		     size_t stem_len)
{
	if (s->memo_used >= MEMO_MAX_USED ||
	    s->memo_arena.used_total >= MEMO_MAX_BYTES) {
		memo_clear(s);
		slot = &s->memo[h & (MEMO_SLOTS - 1)];
		while (slot->norm)
			slot = &s->memo[(size_t)(slot - s->memo + 1) &
					(MEMO_SLOTS - 1)];
	}
	char *n = ngi_arena_strndup(&s->memo_arena, norm, len);
	char *st = NULL;
	if (!n)
		return;
	if (stem) {
		st = ngi_arena_strndup(&s->memo_arena, stem, stem_len);
		if (!st)
			return;
	}
	slot->norm = n;
	slot->stem = st;
	slot->hash = h;
	slot->norm_len = (uint16_t)len;
	slot->stem_len = (uint16_t)stem_len;
	slot->algorithm = s->selected;
	s->memo_used++;
}

ng_status ngi_stemmer_stem(ngi_stemmer_set *s, const char *norm, size_t len,
			   ngi_arena *a, const char **out, size_t *out_len)
{
	if (s->selected < 0 || len == 0 || len > NGI_TEXT_MAX_NORM) {
		*out = norm;
		*out_len = len;
		return NG_OK;
	}
	uint32_t h = (uint32_t)ngi_hash(norm, len, (uint64_t)s->selected);
	size_t i = h & (MEMO_SLOTS - 1);
	memo_entry *e;
	for (e = &s->memo[i]; e->norm; e = &s->memo[i]) {
		if (e->hash == h && e->norm_len == len &&
		    e->algorithm == s->selected &&
		    memcmp(e->norm, norm, len) == 0) {
			if (!e->stem) {
				*out = norm;
				*out_len = len;
				return NG_OK;
			}
			char *p = ngi_arena_strndup(a, e->stem, e->stem_len);
			if (!p)
				return NG_ERR_NOMEM;
			*out = p;
			*out_len = e->stem_len;
			return NG_OK;
		}
		i = (i + 1) & (MEMO_SLOTS - 1);
	}

	struct sb_stemmer *st = s->stemmers[s->selected];
	const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)norm,
					     (int)len);
	if (!r)
		return NG_ERR_NOMEM;
	size_t rl = (size_t)sb_stemmer_length(st);
	if (rl == len && memcmp(r, norm, len) == 0) {
		memo_put(s, e, h, norm, len, NULL, 0);
		*out = norm;
		*out_len = len;
		return NG_OK;
	}
	if (rl > NGI_TEXT_MAX_NORM)
		rl = ngi_text_cut((const char *)r, rl, NGI_TEXT_MAX_NORM);
	char *p = ngi_arena_strndup(a, (const char *)r, rl);
	if (!p)
		return NG_ERR_NOMEM;
	memo_put(s, e, h, norm, len, p, rl);
	*out = p;
	*out_len = rl;
	return NG_OK;
}
