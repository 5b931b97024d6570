/*
 * quotes.c: ngi_quotes_find, the driver of the quote finder (quotes.h).
 *
 * Loads the word lists once (quote_lexicon.c), finds the quoted spans
 * (quote_marks.c), attributes them and adds indirect speech
 * (quote_speakers.c), then fills the code-point offsets in one sweep over
 * the text: the quotes come in text order and do not overlap, so a cursor
 * that only moves forward counts each byte once.
 */
#include <string.h>

#include "../base/utf8.h"
#include "quote_int.h"

ng_status ngi_quotes_find(const ngi_doc *doc, const ngi_mention *m, size_t nm,
			  ngi_arena *a, ngi_quote **out, size_t *n)
{
	ng_status st = ngi_quote_lexicon_load();
	if (st)
		return st;
	ngi_qpiece *p = NULL;
	size_t np = 0;
	st = ngi_quote_marks_find(doc->text, doc->len, NGI_QUOTES_MAX, a, &p,
				  &np);
	if (st)
		return st;
	ngi_quote *q = NULL;
	size_t nq = 0;
	st = ngi_quote_attribute(doc, m, nm, p, np, a, &q, &nq);
	if (st)
		return st;
	size_t at = 0, cp = 0;
	for (size_t i = 0; i < nq; i++) {
		uint32_t *off[2] = {&q[i].start, &q[i].end};
		uint32_t *cpo[2] = {&q[i].cp_start, &q[i].cp_end};
		for (int k = 0; k < 2; k++) {
			size_t b = *off[k] <= doc->len ? *off[k] : doc->len;
			if (b < at) { /* not expected: quotes are in order */
				at = 0;
				cp = 0;
			}
			cp += ngi_utf8_count(doc->text + at, b - at);
			at = b;
			*cpo[k] = (uint32_t)cp;
		}
	}
	*out = q;
	*n = nq;
	return NG_OK;
}
