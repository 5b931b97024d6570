/*
 * fuzz_pivot.c: libFuzzer target of the cross-lingual pivot (src/sketch/
 * pivot*.c): pivot keys of any stem in any language (crude stems, the
 * Japanese okurigana and long-vowel rules, cuts on code-point boundaries),
 * lookups in the embedded dictionary (with the German compound tails), and
 * a whole text's language-neutral bag (ngi_pivot_terms over an analysed
 * document and its mentions, katakana names included). The first byte
 * picks the language; the input (repaired to UTF-8) is a stem, then the
 * text.
 */
#include "fuzz.h"

#include "extract/entities.h"
#include "sketch/pivot.h"
#include "sketch/pivot_terms.h"
#include "text/text.h"

static ngi_text_ctx *tc;
static ngi_entity_ctx *ec;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (ngi_text_ctx_new(&tc) || ngi_entity_ctx_new(&ec))
		abort();
	fuzz_warm_up();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *lang = fuzz_lang(data[0]);
	const char *key_lang = lang ? lang : "en";
	ngi_buf b;
	size_t len = 0;
	const char *text = fuzz_utf8(data + 1, size - 1, &b, &len);
	if (!text) {
		ngi_buf_free(&b);
		return 0;
	}
	/* the stem: the first word (up to a space), as a token's stem is */
	size_t stem_len = 0;
	while (stem_len < len && text[stem_len] != ' ' && text[stem_len] != '\n')
		stem_len++;
	char key[NGI_PIVOT_MAX_KEY];
	size_t kl = ngi_pivot_key(key_lang, text, stem_len, key);
	FUZZ_CHECK(kl < NGI_PIVOT_MAX_KEY && key[kl] == '\0');
	fuzz_check_text(key, kl);
	(void)ngi_pivot_key_hash(ngi_pivot_key_lang(key_lang), key, kl);
	uint32_t out[NGI_PIVOT_MAX_TARGETS];
	size_t n = ngi_pivot_lookup(key_lang, text, stem_len, out,
				    NGI_PIVOT_MAX_TARGETS);
	FUZZ_CHECK(n <= NGI_PIVOT_MAX_TARGETS);
	(void)ngi_pivot_has_lang(key_lang);

	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_doc d;
	ngi_mention *m = NULL;
	size_t nm = 0;
	if (ngi_text_analyze(tc, text, len, lang, &a, &d) == NG_OK &&
	    ngi_entities_find(ec, &d, &a, &m, &nm) == NG_OK) {
		ngi_term *t = NULL;
		uint32_t nt = 0;
		ng_status st = ngi_pivot_terms(&d, m, nm, NULL, NULL, 0, NULL, &a,
					       &t, &nt);
		FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
		for (uint32_t i = 1; st == NG_OK && i < nt; i++)
			FUZZ_CHECK(t[i - 1].term < t[i].term);
	}
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
