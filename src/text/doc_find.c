/*
 * doc_find.c: finding a document's tokens by byte offset (text.h), the one
 * binary search the finders share.
 */
#include "text.h"

size_t ngi_doc_token_from(const ngi_doc *d, uint32_t b)
{
	size_t lo = 0, hi = d->n_tokens;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->tokens[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
