/*
 * fuzz_entities.c: libFuzzer target of text analysis and the entity
 * recogniser (src/text/: tokens, sentences, stems; src/extract/entity_*.c,
 * gazetteer.c, translit.c: spans, titles, keys, the lexicon). The first
 * byte picks the language hint (or detection), the rest is the text
 * (repaired to UTF-8, as the readers hand it on). Mentions must be in text
 * order, inside the text, on character boundaries, with a type, a surface,
 * a key (ASCII up to a ':', entities.h) and a name.
 */
#include "fuzz.h"

#include "extract/entities.h"
#include "text/text.h"

static ngi_text_ctx *tc;
static ngi_entity_ctx *ec;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!tc && (ngi_text_ctx_new(&tc) || ngi_entity_ctx_new(&ec)))
		abort();
	ngi_buf b;
	size_t len = 0;
	const char *text = fuzz_utf8(data + 1, size - 1, &b, &len);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_doc d;
	ngi_mention *m = NULL;
	size_t nm = 0;
	if (text && ngi_text_analyze(tc, text, len, fuzz_lang(data[0]), &a, &d) ==
			    NG_OK) {
		FUZZ_CHECK(d.n_tokens <= NGI_TEXT_MAX_TOKENS);
		for (size_t i = 0; i < d.n_tokens; i++)
			FUZZ_CHECK(d.tokens[i].start < d.tokens[i].end &&
				   d.tokens[i].end <= len &&
				   d.tokens[i].sentence < d.n_sentences);
		ng_status st = ngi_entities_find(ec, &d, &a, &m, &nm);
		FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
		uint32_t prev = 0;
		for (size_t i = 0; st == NG_OK && i < nm; i++) {
			FUZZ_CHECK(m[i].start < m[i].end && m[i].end <= len);
			FUZZ_CHECK(m[i].start >= prev);
			FUZZ_CHECK((text[m[i].start] & 0xC0) != 0x80);
			FUZZ_CHECK(m[i].type >= NGI_ENT_PER &&
				   m[i].type <= NGI_ENT_EVT);
			FUZZ_CHECK(m[i].surface && m[i].key && m[i].name);
			/* ASCII up to a ':' (entities.h), UTF-8 after it */
			for (const char *k = m[i].key; *k && *k != ':'; k++)
				FUZZ_CHECK((unsigned char)*k < 0x80);
			fuzz_check_str(m[i].key);
			fuzz_check_str(m[i].surface);
			fuzz_check_str(m[i].name);
			prev = m[i].start;
		}
	}
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
