/*
 * pivot_key.c: the pivot key of a word (pivot.h), shared by the library and
 * by the build-time converter tools/mkpivot.c, so the dictionary side and
 * the document side cut words the same way. Kept apart from pivot.c, which
 * holds the embedded table the converter is building.
 */
#include "pivot.h"

#include <string.h>
#include <xxhash.h>

#include "../base/utf8.h"

/* Final letters a crude stem drops: the vowels, y and the soft and hard
 * signs of the Slavic languages without a Snowball stemmer, where case and
 * number endings live ("wojna", "wojny", "wojnie"; "война", "войны"). */
static int is_ending_letter(int32_t cp)
{
	static const int32_t letters[] = {
		'a', 'e', 'i', 'o', 'u', 'y',
		0xe1, 0xe9, 0xed, 0xf3, 0xfa, 0xfd, /* á é í ó ú ý */
		0x105, 0x119, 0x11b, 0x16f,         /* ą ę ě ů */
		0x430, 0x435, 0x438, 0x43e, 0x443, 0x44b, 0x44d, 0x44e, 0x44f,
		0x44c, 0x44a, 0x439, 0x451,         /* а е и о у ы э ю я ь ъ й ё */
		0x456, 0x457, 0x454,                /* і ї є */
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(letters); i++)
		if (letters[i] == cp)
			return 1;
	return 0;
}

/* Length of the longest prefix of s (n bytes) that fits in cap bytes and
 * ends on a code point boundary. */
static size_t cut_bytes(const char *s, size_t n, size_t cap)
{
	if (n <= cap)
		return n;
	while (cap > 0 && ((unsigned char)s[cap] & 0xC0) == 0x80)
		cap--;
	return cap;
}

static int is_hiragana(int32_t cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

/* Japanese: the word without its okurigana, the hiragana that end a
 * word written with kanji (訪れる, 訪れ (of 訪れた) -> 訪; 高い -> 高), so
 * every inflected form the segmenter gives meets the dictionary form; and
 * a katakana word without a final long-vowel mark (コンピューター and
 * コンピュータ -> コンピュータ). A word in hiragana alone stays whole. */
static size_t japanese_key(const char *w, size_t len, char *out)
{
	size_t end = len, pos = 0, kana_end = 0;
	int32_t cp = 0;
	int other = 0; /* a code point that is no hiragana was seen */
	while (pos < len) {
		int k = ngi_utf8_decode(w + pos, len - pos, &cp);
		if (k <= 0)
			break;
		pos += (size_t)k;
		if (!is_hiragana(cp)) {
			other = 1;
			kana_end = pos;
		}
	}
	if (other)
		end = kana_end;
	/* a final ー after at least two code points */
	if (end >= 9 && memcmp(w + end - 3, "\xe3\x83\xbc", 3) == 0)
		end -= 3;
	end = cut_bytes(w, end, NGI_PIVOT_MAX_KEY - 1);
	memcpy(out, w, end);
	out[end] = '\0';
	return end;
}

size_t ngi_pivot_key(const char *lang, const char *stem, size_t len,
		     char out[NGI_PIVOT_MAX_KEY])
{
	out[0] = '\0';
	if (!stem || !len)
		return 0;
	if (lang && strcmp(lang, "ja") == 0)
		return japanese_key(stem, len, out);
	if (lang && strcmp(lang, "zh") == 0) { /* no inflection: the word */
		size_t n = cut_bytes(stem, len, NGI_PIVOT_MAX_KEY - 1);
		memcpy(out, stem, n);
		out[n] = '\0';
		return n;
	}
	if (!lang || ngi_stem_algorithm(lang)) {
		size_t n = cut_bytes(stem, len, NGI_PIVOT_MAX_KEY - 1);
		memcpy(out, stem, n);
		out[n] = '\0';
		return n;
	}
	/* code point boundaries of the first NGI_PIVOT_PREFIX + a margin */
	size_t ends[NGI_PIVOT_MAX_KEY];
	int32_t cps[NGI_PIVOT_MAX_KEY];
	size_t n_cp = 0, pos = 0;
	while (pos < len && n_cp < NGI_PIVOT_MAX_KEY) {
		int32_t cp;
		int k = ngi_utf8_decode(stem + pos, len - pos, &cp);
		if (k <= 0)
			break;
		pos += (size_t)k;
		cps[n_cp] = cp;
		ends[n_cp++] = pos;
	}
	if (n_cp == 0)
		return 0;
	/* a word longer than the margin is cut anyway: its ending is past the
	 * prefix, so only the cut matters */
	if (pos == len)
		while (n_cp > 3 && is_ending_letter(cps[n_cp - 1]))
			n_cp--;
	if (n_cp > NGI_PIVOT_PREFIX)
		n_cp = NGI_PIVOT_PREFIX;
	size_t n = cut_bytes(stem, ends[n_cp - 1], NGI_PIVOT_MAX_KEY - 1);
	memcpy(out, stem, n);
	out[n] = '\0';
	return n;
}

const char *ngi_pivot_key_lang(const char *lang)
{
	/* Croatian and Bosnian are keyed as Serbian (one standard language,
	 * one Snowball stemmer that reads both scripts); Bokmål and Nynorsk
	 * as Norwegian, CLD2's "no" */
	static const char *const alias[][2] = {
		{"bs", "sr"}, {"hr", "sr"}, {"nb", "no"}, {"nn", "no"},
	};
	if (!lang || (lang[0] != 'b' && lang[0] != 'h' && lang[0] != 'n'))
		return lang; /* the common case, on every lookup */
	for (size_t i = 0; i < NGI_ARRAY_LEN(alias); i++)
		if (strcmp(lang, alias[i][0]) == 0)
			return alias[i][1];
	return lang;
}

uint32_t ngi_pivot_key_hash(const char *lang, const char *key, size_t len)
{
	uint64_t seed = 0x70697674ull; /* "pivt" */
	for (const char *l = lang ? lang : ""; *l; l++)
		seed = seed * 131 + (unsigned char)*l;
	uint64_t h = XXH3_64bits_withSeed(key, len, seed);
	return (uint32_t)(h ^ (h >> 32));
}
