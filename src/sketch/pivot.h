/*
 * pivot.h: words of other languages mapped into English, the pivot language
 * of cross-lingual linking. A sketch-stage resource: its answers are term
 * hashes (sketch.h), the currency of the term bags; pivot_terms.h builds a
 * document's language-neutral bag from them.
 *
 * The dictionary is built at build time from Debian's FreeDict and Apertium
 * packages by tools/mkpivot.c (docs/CROSSLINGUAL.md) into $(BUILD)/pivot.bin,
 * which the library embeds (pivot_table.S): nothing is read at run time. A
 * source word is looked up by its pivot key (below); the answer is the
 * hashes of up to NGI_PIVOT_MAX_TARGETS English Snowball stems, hashed as
 * terms.c hashes stems (ngi_term_hash(NGI_TERM_STEM, stem)), so an English
 * document's own stems are already pivot terms. An empty table (no
 * dictionaries installed at build time) is valid: every lookup then misses.
 *
 * The pivot key of a word is the stem the document already has (Snowball)
 * for languages libstemmer knows; for the others (pl, cs, sl, bg, uk, is,
 * mk, ...), whose tokens carry their folded form as the stem, it is a crude
 * stem made the same way on the dictionary side and the document side:
 * final vowels (and soft and hard signs) stripped while more than three
 * letters stay, then cut to NGI_PIVOT_PREFIX code points ("wojna", "wojny",
 * "wojnie" -> "wojn"). Some languages share one key space (their key
 * language, ngi_pivot_key_lang): Croatian and Bosnian Serbian's, Bokmål and
 * Nynorsk Norwegian's. Japanese keys drop okurigana (訪れる, 訪れ -> 訪)
 * and a katakana word's final long-vowel mark; Chinese keys are the word
 * itself (the table holds simplified and traditional forms).
 *
 * Ownership: the table is static, read-only and shared by every engine and
 * thread.
 */
#ifndef NG_PIVOT_H
#define NG_PIVOT_H

#include "../base/base.h"
#include "sketch.h"

#define NGI_PIVOT_MAX_TARGETS 4 /* English stems kept per source key */
#define NGI_PIVOT_PREFIX 6      /* code points of a crude stem */
#define NGI_PIVOT_MAX_KEY 64    /* bytes of a key, NUL included */

/* The table's binary format (little-endian, 32-bit words), written by
 * tools/mkpivot.c: "NGPV", version, n_langs, then per language {code
 * (4 bytes, NUL-padded), first entry, entry count}; then n_entries,
 * n_targets; keys[n_entries] (sorted within each language), starts
 * [n_entries + 1] (into targets), targets[n_targets] (English stem hashes). */
#define NGI_PIVOT_MAGIC 0x5650474eu /* "NGPV" */
#define NGI_PIVOT_VERSION 1u

/* Writes the pivot key of a stem of lang into out (NGI_PIVOT_MAX_KEY bytes,
 * NUL-terminated) and returns its length (0: no key, e.g. empty). For
 * languages with a Snowball stemmer the key is the stem (cut to the buffer on
 * a code point boundary). */
size_t ngi_pivot_key(const char *lang, const char *stem, size_t len,
		     char out[NGI_PIVOT_MAX_KEY]);
/* The language whose keys lang shares: "sr" for hr and bs, "no" for nb
 * and nn, else lang itself. Lookups and the converter key words in it. */
const char *ngi_pivot_key_lang(const char *lang);
/* Hash of a key of lang, as stored in the table's keys. */
uint32_t ngi_pivot_key_hash(const char *lang, const char *key, size_t len);

/* The English stem hashes of a stem of lang into out (max of them), best
 * first; returns how many. English stems map to themselves (one hash); an
 * unknown word or language gives 0. A German stem that is missing is tried
 * as a compound: its longest known tail of 4+ letters ("veteranenjournalist"
 * -> "journalist"). */
size_t ngi_pivot_lookup(const char *lang, const char *stem, size_t len,
			uint32_t *out, size_t max);

/* 1 when the table has entries for lang ("en" always counts). */
int ngi_pivot_has_lang(const char *lang);
/* Entries (source keys) and size in bytes of the embedded table. */
size_t ngi_pivot_entries(void);
size_t ngi_pivot_table_bytes(void);

#endif
