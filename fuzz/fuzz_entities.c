/*
 * fuzz_entities.c: libFuzzer target of text analysis and the entity
 * recogniser (src/text/: tokens, sentences, stems; src/extract/entity_*.c,
 * gazetteer.c, translit.c: spans, titles, keys, the lexicon). The first
 * byte picks the language hint (or detection), the rest is the text
 * (repaired to UTF-8, as the readers hand it on). Mentions must be in text
 * order, inside the text, on character boundaries, with a type, a surface,
 * a key (ASCII up to a ':', entities.h) and a name.
 */
#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_doc f;
	ngi_mention *m = NULL;
	size_t nm = 0;
	if (fuzz_doc_analyze(&f, data, size)) {
		const ngi_doc *d = &f.doc;
		const char *text = f.text;
		const size_t len = f.len;
		FUZZ_CHECK(d->n_tokens <= NGI_TEXT_MAX_TOKENS);
		for (size_t i = 0; i < d->n_tokens; i++)
			FUZZ_CHECK(d->tokens[i].start < d->tokens[i].end &&
				   d->tokens[i].end <= len &&
				   d->tokens[i].sentence < d->n_sentences);
		ng_status st = ngi_entities_find(fuzz_ec, d, &f.arena, &m, &nm);
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
	fuzz_doc_free(&f);
	return 0;
}
