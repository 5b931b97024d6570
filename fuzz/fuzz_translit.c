/*
 * fuzz_translit.c: libFuzzer target of the transliteration paths that make
 * entity keys (src/extract/translit.c over ICU's Any-Latin, entity_keys.c,
 * kana_key.c): one word to ASCII Latin (ngi_translit_word, into buffers
 * of every small size), its phonetic key (ngi_entity_word_key, Slavic or
 * not), the acronym test, the katakana keys (ngi_kana_keys) and a name's
 * key as a mention would get it (ngi_entity_key). The first byte picks
 * the language, type and buffer size; the rest (repaired to UTF-8) is the
 * word or name.
 */
#include "fuzz.h"

#include "extract/entities.h"
#include "extract/kana_key.h"

static ngi_translit *tl;
static ngi_entity_ctx *ec;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (ngi_translit_new(&tl) || ngi_entity_ctx_new(&ec))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t mode = data[0];
	const char *lang = fuzz_lang(mode);
	ngi_buf b;
	size_t len = 0;
	const char *w = fuzz_utf8(data + 1, size - 1, &b, &len);
	if (!w) {
		ngi_buf_free(&b);
		return 0;
	}
	/* a buffer of 1 to 128 bytes: a heap block of exactly that size, so
	 * ASan sees a write past it */
	size_t cap = 1 + (size_t)(mode * 37u) % 128;
	char *out = malloc(cap);
	if (out) {
		size_t n = ngi_translit_word(tl, w, len, out, cap);
		FUZZ_CHECK(n < cap && out[n] == '\0');
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK((unsigned char)out[i] < 0x80);
		char *key = malloc(cap);
		if (key) {
			size_t k = ngi_entity_word_key(out, n, mode & 3, key, cap);
			FUZZ_CHECK(k < cap && key[k] == '\0');
			free(key);
		}
		free(out);
	}
	(void)ngi_entity_is_acronym(w, len);
	(void)ngi_entity_lang_slavic(lang ? lang : "und");
	char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX];
	size_t nk = ngi_kana_keys(w, len, keys);
	FUZZ_CHECK(nk <= NGI_KANA_MAX_KEYS);
	for (size_t i = 0; i < nk; i++)
		FUZZ_CHECK(memchr(keys[i], '\0', NGI_KANA_KEY_MAX));
	ngi_arena a;
	ngi_arena_init(&a, 0);
	const char *ek = NULL;
	ng_status st = ngi_entity_key(ec, w, len, lang ? lang : "en",
				      (ngi_entity_type)(1 + (mode >> 4) % 4), &a,
				      &ek);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM || st == NG_ERR_INPUT ||
		   st == NG_ERR_USAGE);
	if (st == NG_OK && ek) {
		/* ASCII up to a ':' (entities.h), UTF-8 after it */
		for (const char *k = ek; *k && *k != ':'; k++)
			FUZZ_CHECK((unsigned char)*k < 0x80);
		fuzz_check_str(ek);
	}
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
