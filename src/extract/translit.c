/*
 * translit.c: any script -> ASCII lower-case Latin, through ICU.
 *
 * The first step of an entity key (see entities.h): "Путина" -> "putina",
 * "Łódź" -> "lodz", "Тръмп" -> "tramp" (ICU writes ь and ъ as modifier
 * letters: ь is removed, ъ, a vowel in Bulgarian, becomes "a"; every other
 * non-letter but the apostrophe is dropped).
 * ICU's transliterator is slow next to the rest of the pipeline, so pure
 * ASCII words skip it and the other words go through a small direct-mapped
 * cache keyed by the word's hash. The transliterator and
 * the cache are per context: one per thread.
 */
#include "entities.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>


/* Longest word transliterated; longer ones are cut (no name is that long). */
#define TL_MAX_IN 96
#define TL_CACHE_SLOTS 4096
#define TL_CACHE_WORD 48

typedef struct tl_slot {
	uint64_t hash; /* 0 = empty */
	uint8_t len;
	char out[TL_CACHE_WORD];
} tl_slot;

struct ngi_translit {
	UTransliterator *icu;
	tl_slot *cache;
};

ng_status ngi_translit_new(ngi_translit **out)
{
	ngi_translit *t = calloc(1, sizeof(*t));
	if (!t)
		return NG_ERR_NOMEM;
	t->cache = calloc(TL_CACHE_SLOTS, sizeof(tl_slot));
	if (!t->cache) {
		free(t);
		return NG_ERR_NOMEM;
	}
	UChar id[96];
	/* The soft and hard signs (ь ъ) become modifier letters that Latin-ASCII
	 * would turn into quotes, which the key reads as apostrophes: removed. */
	u_uastrcpy(id, "Any-Latin; [\\u02B9] Remove; Latin-ASCII; Lower");
	UErrorCode err = U_ZERO_ERROR;
	t->icu = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err) || !t->icu) {
		free(t->cache);
		free(t);
		return err == U_MEMORY_ALLOCATION_ERROR ? NG_ERR_NOMEM
							: NG_ERR_INTERNAL;
	}
	*out = t;
	return NG_OK;
}

void ngi_translit_free(ngi_translit *t)
{
	if (!t)
		return;
	if (t->icu)
		utrans_close(t->icu);
	free(t->cache);
	free(t);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	return ngi_hash(s, n, 0) | 1; /* never 0: 0 marks an empty slot */
}

/* Keeps ASCII letters only, lower-cased, into out. */
static size_t keep_letters(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		char ch = s[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch >= 'a' && ch <= 'z')
			out[o++] = ch;
		else if (ch == '"' && o > 0)
			out[o++] = 'a'; /* ъ, a vowel in Bulgarian: Тръмп */
		else if (ch == '\'' && o > 0)
			out[o++] = ch; /* the key cuts at it (entity_keys.c) */
	}
	if (cap)
		out[o] = 0;
	return o;
}

static size_t icu_ascii(ngi_translit *t, const char *s, size_t len, char *out,
			size_t cap)
{
	UChar buf[TL_MAX_IN * 4 + 16];
	char utf8[sizeof buf * 2];
	UErrorCode err = U_ZERO_ERROR;
	int32_t ulen = 0;
	/* Cut at a code point boundary so ICU sees valid UTF-8. */
	if (len > TL_MAX_IN) {
		len = TL_MAX_IN;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	u_strFromUTF8(buf, TL_MAX_IN + 1, &ulen, s, (int32_t)len, &err);
	if (U_FAILURE(err))
		return keep_letters(s, len, out, cap);
	int32_t limit = ulen;
	utrans_transUChars(t->icu, buf, &ulen, (int32_t)NGI_ARRAY_LEN(buf), 0,
			   &limit, &err);
	if (U_FAILURE(err))
		return keep_letters(s, len, out, cap);
	int32_t blen = 0;
	u_strToUTF8(utf8, (int32_t)sizeof utf8, &blen, buf, ulen, &err);
	if (U_FAILURE(err))
		return keep_letters(s, len, out, cap);
	return keep_letters(utf8, (size_t)blen, out, cap);
}

size_t ngi_translit_word(ngi_translit *t, const char *s, size_t len,
			 char *out, size_t cap)
{
	if (!cap)
		return 0;
	int ascii = 1;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (ascii)
		return keep_letters(s, len, out, cap);
	uint64_t h = hash_bytes(s, len);
	tl_slot *slot = &t->cache[h & (TL_CACHE_SLOTS - 1)];
	if (slot->hash == h && slot->len < cap) {
		memcpy(out, slot->out, slot->len);
		out[slot->len] = 0;
		return slot->len;
	}
	char tmp[TL_MAX_IN * 4 + 16];
	size_t n = icu_ascii(t, s, len, tmp, sizeof tmp);
	if (n < TL_CACHE_WORD) {
		slot->hash = h;
		slot->len = (uint8_t)n;
		memcpy(slot->out, tmp, n);
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(out, tmp, n);
	out[n] = 0;
	return n;
}
