/*
 * stance_cues.c: the cue words of the stance classifier.
 *
 * Reads data/lexicons/stance_cues.tsv (language, kind, word) once per
 * process into a hash map from (language, word) to a mask of cue kinds, and
 * from ("*", word) to the union over languages, used for a text whose
 * language the lexicon does not have. Words are matched on the token's
 * folded form; a typographic apostrophe (U+2019) counts as an ASCII one, so
 * "don’t" is "don't".
 */
#include <string.h>

#include "../base/data.h"
#include "stance_int.h"

static const char *const kind_names[NGI_CUE_KINDS] = {
	"refute", "deny", "hedge", "negation", "support"};

#define MAX_LANGS 32
static ngi_map cue_map;
static char cue_langs[MAX_LANGS][8];
static int n_cue_langs;
static ngi_once cue_once = NGI_ONCE_INIT;
/* The low bits of every cue word's FNV-1a hash, in any language: a word
 * whose bit is clear is no cue, and most words leave there without the
 * map's probe. (A key is the word's hash mixed with its language's, so a
 * word in the map has the hash of a listed word.) */
#define WORD_BITS 14
static uint64_t cue_words[(1u << WORD_BITS) / 64];

uint64_t ngi_stance_term_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The key of a word in a language ("*" for any). */
static uint64_t cue_key(const char *lang, size_t lang_len, const char *w,
			size_t n)
{
	return ngi_mix64(ngi_stance_term_hash(lang, lang_len) ^
			 (ngi_stance_term_hash(w, n) * 0x9e3779b97f4a7c15ULL));
}

static ng_status add_cue(const char *lang, size_t lang_len, const char *w,
			 size_t n, unsigned mask)
{
	uint32_t b = (uint32_t)ngi_stance_term_hash(w, n) & ((1u << WORD_BITS) - 1);
	cue_words[b >> 6] |= (uint64_t)1 << (b & 63);
	uint64_t *v = ngi_map_upsert(&cue_map, cue_key(lang, lang_len, w, n), 0);
	if (!v)
		return NG_ERR_NOMEM;
	*v |= mask;
	return NG_OK;
}

static ng_status build_cues(void)
{
	const ngi_data_file *f = ngi_data_find("lexicons/stance_cues.tsv");
	if (!f)
		return NG_ERR_INTERNAL;
	ngi_map_free(&cue_map);
	ngi_map_init(&cue_map);
	n_cue_langs = 0;
	size_t pos = 0;
	ngi_data_line ln = {0};
	ng_status st = NG_OK;
	while (!st && ngi_data_next_line(f, &pos, &ln)) {
		if (ln.n_fields < 3 || ln.field_len[0] == 0 ||
		    ln.field_len[0] >= 8 || ln.field_len[2] == 0)
			continue;
		int kind = -1;
		for (int k = 0; k < NGI_CUE_KINDS; k++)
			if (strlen(kind_names[k]) == ln.field_len[1] &&
			    memcmp(kind_names[k], ln.field[1], ln.field_len[1]) == 0)
				kind = k;
		if (kind < 0)
			continue;
		int known = 0;
		for (int i = 0; i < n_cue_langs; i++)
			if (strlen(cue_langs[i]) == ln.field_len[0] &&
			    memcmp(cue_langs[i], ln.field[0], ln.field_len[0]) == 0)
				known = 1;
		if (!known && n_cue_langs < MAX_LANGS) {
			memcpy(cue_langs[n_cue_langs], ln.field[0], ln.field_len[0]);
			cue_langs[n_cue_langs][ln.field_len[0]] = '\0';
			n_cue_langs++;
		}
		unsigned mask = 1u << kind;
		st = add_cue(ln.field[0], ln.field_len[0], ln.field[2],
			     ln.field_len[2], mask);
		if (!st)
			st = add_cue("*", 1, ln.field[2], ln.field_len[2], mask);
	}
	if (st) {
		ngi_map_free(&cue_map);
		ngi_map_init(&cue_map);
	}
	return st;
}

ng_status ngi_stance_cues_load(void)
{
	return ngi_once_run(&cue_once, build_cues);
}

uint64_t ngi_stance_cue_lang(const char *lang)
{
	const char *l = "*";
	for (int i = 0; lang && i < n_cue_langs; i++)
		if (strcmp(cue_langs[i], lang) == 0)
			l = lang;
	return ngi_stance_term_hash(l, strlen(l));
}

unsigned ngi_stance_cue_mask_in(uint64_t lang_hash, const char *word, size_t len)
{
	char buf[64];
	if (len == 0 || len >= sizeof buf)
		return 0;
	/* U+2019 (e2 80 99) -> '\'': copied only when the word has one */
	const char *w = word;
	size_t n = len;
	if (memchr(word, 0xe2, len)) {
		n = 0;
		for (size_t i = 0; i < len; i++) {
			if (i + 2 < len && (unsigned char)word[i] == 0xe2 &&
			    (unsigned char)word[i + 1] == 0x80 &&
			    (unsigned char)word[i + 2] == 0x99) {
				buf[n++] = '\'';
				i += 2;
			} else {
				buf[n++] = word[i];
			}
		}
		w = buf;
	}
	return ngi_stance_cue_mask_hashed(lang_hash, ngi_stance_term_hash(w, n));
}

unsigned ngi_stance_cue_mask_hashed(uint64_t lang_hash, uint64_t word_hash)
{
	uint32_t b = (uint32_t)word_hash & ((1u << WORD_BITS) - 1);
	if (!(cue_words[b >> 6] >> (b & 63) & 1))
		return 0;
	const uint64_t *v = ngi_map_get(&cue_map, ngi_mix64(lang_hash ^
		(word_hash * 0x9e3779b97f4a7c15ULL)));
	return v ? (unsigned)*v : 0;
}

unsigned ngi_stance_cue_mask(const char *lang, const char *word, size_t len)
{
	return ngi_stance_cue_mask_in(ngi_stance_cue_lang(lang), word, len);
}
