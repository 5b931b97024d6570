/*
 * fuzz_quotes.c: libFuzzer target of the quote extractor (src/extract/
 * quote*.c: quote marks of every script, dash dialogue, split quotes,
 * indirect speech, speakers) over a text analysed and tagged with its
 * mentions as ingest does. The first byte picks the language hint, the
 * rest is the text (repaired to UTF-8). Quotes must lie inside the text,
 * in order, their speaker a mention index or -1, their pieces pointing
 * back to a first piece.
 */
#include "fuzz.h"

#include "extract/entities.h"
#include "extract/quotes.h"
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
	ngi_quote *q = NULL;
	size_t nq = 0;
	if (text &&
	    ngi_text_analyze(tc, text, len, fuzz_lang(data[0]), &a, &d) == NG_OK &&
	    ngi_entities_find(ec, &d, &a, &m, &nm) == NG_OK) {
		ng_status st = ngi_quotes_find(&d, m, nm, &a, &q, &nq);
		FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
		for (size_t i = 0; st == NG_OK && i < nq; i++) {
			FUZZ_CHECK(q[i].start <= q[i].end && q[i].end <= len);
			FUZZ_CHECK(q[i].cue_start <= q[i].cue_end &&
				   q[i].cue_end <= len);
			FUZZ_CHECK(q[i].as_written_start <= q[i].as_written_end &&
				   q[i].as_written_end <= len);
			FUZZ_CHECK(q[i].speaker >= -1 &&
				   (q[i].speaker < 0 || (size_t)q[i].speaker < nm));
			FUZZ_CHECK(q[i].first_piece <= i);
			FUZZ_CHECK(d.n_sentences == 0 ||
				   q[i].sentence < d.n_sentences);
			if (i)
				FUZZ_CHECK(q[i].start >= q[i - 1].start);
		}
		FUZZ_CHECK(nq <= NGI_QUOTES_MAX);
	}
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
