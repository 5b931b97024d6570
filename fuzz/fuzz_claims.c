/*
 * fuzz_claims.c: libFuzzer target of the claim extractor (src/extract/
 * claim*.c, response_find.c: claims, their sources and hedges, denials and
 * other responses) over a text analysed, with its mentions and quotes, as
 * ingest does. The first byte picks the language hint, the rest is the
 * text (repaired to UTF-8). Claims and responses must lie inside the
 * text, their indexes (mentions, quotes, claims) in range, under the caps;
 * the content words of each claim are taken too (ngi_claim_words).
 */
#include "fuzz.h"

#include "extract/claims.h"
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
	ngi_claims c;
	memset(&c, 0, sizeof c);
	if (text &&
	    ngi_text_analyze(tc, text, len, fuzz_lang(data[0]), &a, &d) == NG_OK &&
	    ngi_entities_find(ec, &d, &a, &m, &nm) == NG_OK &&
	    ngi_quotes_find(&d, m, nm, &a, &q, &nq) == NG_OK) {
		ng_status st = ngi_claims_find(&d, m, nm, q, nq, &a, &c);
		FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
		if (st == NG_OK) {
			FUZZ_CHECK(c.n_claims <= NGI_CLAIMS_MAX);
			FUZZ_CHECK(c.n_responses <= NGI_RESPONSES_MAX);
			for (size_t i = 0; i < c.n_claims; i++) {
				const ngi_claim *k = &c.claims[i];
				FUZZ_CHECK(k->start <= k->end && k->end <= len);
				const char *words[64];
				size_t nw = ngi_claim_words(&d, k->start, k->end,
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
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
