/*
 * fuzz_quotes.c: libFuzzer target of the quote extractor (src/extract/
 * quote*.c: quote marks of every script, dash dialogue, split quotes,
 * indirect speech, speakers) over a text analysed and tagged with its
 * mentions as ingest does. The first byte picks the language hint, the
 * rest is the text (repaired to UTF-8). Quotes must lie inside the text,
 * in order, their speaker a mention index or -1, their pieces pointing
 * back to a first piece.
 */
#include "fuzz_doc.h"

#include "extract/quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_doc f;
	ngi_mention *m = NULL;
	size_t nm = 0;
	ngi_quote *q = NULL;
	size_t nq = 0;
	if (fuzz_doc_analyze(&f, data, size) &&
	    ngi_entities_find(fuzz_ec, &f.doc, &f.arena, &m, &nm) == NG_OK) {
		const size_t len = f.len;
		ng_status st = ngi_quotes_find(&f.doc, m, nm, &f.arena, &q, &nq);
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
			FUZZ_CHECK(f.doc.n_sentences == 0 ||
				   q[i].sentence < f.doc.n_sentences);
			if (i)
				FUZZ_CHECK(q[i].start >= q[i - 1].start);
		}
		FUZZ_CHECK(nq <= NGI_QUOTES_MAX);
	}
	fuzz_doc_free(&f);
	return 0;
}
