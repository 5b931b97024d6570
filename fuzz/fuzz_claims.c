/*
 * fuzz_claims.c: libFuzzer target of the claim extractor (src/extract/
 * claim*.c, response_find.c: claims, their sources and hedges, denials and
 * other responses) over a text analysed, with its mentions and quotes, as
 * ingest does. The first byte picks the language hint, the rest is the
 * text (repaired to UTF-8). Claims and responses must lie inside the
 * text, their indexes (mentions, quotes, claims) in range, under the caps;
 * the content words of each claim are taken too (ngi_claim_words).
 */
#include "fuzz_doc.h"

#include "extract/claims.h"
#include "extract/quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_doc f;
	ngi_mention *m = NULL;
	size_t nm = 0;
	ngi_quote *q = NULL;
	size_t nq = 0;
	ngi_claims c;
	memset(&c, 0, sizeof c);
	if (fuzz_doc_analyze(&f, data, size) &&
	    ngi_entities_find(fuzz_ec, &f.doc, &f.arena, &m, &nm) == NG_OK &&
	    ngi_quotes_find(&f.doc, m, nm, &f.arena, &q, &nq) == NG_OK) {
		const size_t len = f.len;
		ng_status st = ngi_claims_find(&f.doc, m, nm, q, nq, &f.arena, &c);
		FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
		if (st == NG_OK) {
			FUZZ_CHECK(c.n_claims <= NGI_CLAIMS_MAX);
			FUZZ_CHECK(c.n_responses <= NGI_RESPONSES_MAX);
			for (size_t i = 0; i < c.n_claims; i++) {
				const ngi_claim *k = &c.claims[i];
				FUZZ_CHECK(k->start <= k->end && k->end <= len);
				const char *words[64];
				size_t nw = ngi_claim_words(&f.doc, k->start, k->end,
							    words, 64);
				FUZZ_CHECK(nw <= 64);
				for (size_t w = 0; w < nw; w++)
					(void)strlen(words[w]);
			}
			for (size_t i = 0; i < c.n_responses; i++) {
				const ngi_response *r = &c.responses[i];
				FUZZ_CHECK(r->start <= r->end && r->end <= len);
				FUZZ_CHECK(r->responder >= -1 &&
					   (r->responder < 0 ||
					    (size_t)r->responder < nm));
				FUZZ_CHECK(r->claim >= -1 &&
					   (r->claim < 0 ||
					    (size_t)r->claim < c.n_claims));
				FUZZ_CHECK(r->cue_start <= r->cue_end &&
					   r->cue_end <= len);
			}
		}
	}
	fuzz_doc_free(&f);
	return 0;
}
