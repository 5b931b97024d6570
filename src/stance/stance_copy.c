/*
 * stance_copy.c: a prepared text copied into another arena (stance.h), for
 * the link stage, which keeps the prepared claims of recent stories longer
 * than the batch they were prepared in; and a prepared text as bytes and
 * back, for the distributed ingest, whose analysing processes send it to
 * the one that links (src/dist/). Both follow one list of the arrays a
 * prepared text owns (text_arrays).
 */
#include <string.h>

#include "../base/wire.h"
#include "stance_int.h"

/* n elements of size from src into a; NULL (and *oom set) when it fails,
 * a one-element block for n == 0 as the preparation allocates it. */
static void *dup_array(ngi_arena *a, const void *src, size_t n, size_t size,
		       int *oom)
{
	void *p = ngi_arena_alloc(a, (n ? n : 1) * size);
	if (!p) {
		*oom = 1;
		return NULL;
	}
	if (n && src)
		memcpy(p, src, n * size);
	return p;
}

/* The arrays of a prepared text: where each pointer is, its element size
 * and count. */
#define TEXT_ARRAYS 10
typedef struct text_array {
	void **at;
	size_t size, n;
} text_array;

static void text_arrays(ngi_stance_text *t, text_array out[TEXT_ARRAYS])
{
	size_t n_pos = 0;
	for (uint32_t i = 0; i < t->n_terms; i++)
		if (t->terms[i].pos_off + t->terms[i].n_pos > n_pos)
			n_pos = t->terms[i].pos_off + t->terms[i].n_pos;
	size_t n_bigrams = t->bigram_mask ? (size_t)t->bigram_mask + 1 : t->n_bigrams;
	out[0] = (text_array){(void **)&t->terms, sizeof *t->terms, t->n_terms};
	out[1] = (text_array){(void **)&t->pos, sizeof *t->pos, n_pos};
	out[2] = (text_array){(void **)&t->word_hash, sizeof *t->word_hash, t->n_words};
	out[3] = (text_array){(void **)&t->word_sent, sizeof *t->word_sent, t->n_words};
	out[4] = (text_array){(void **)&t->word_cue, 1, t->n_words};
	out[5] = (text_array){(void **)&t->near_cue, 1, t->n_words};
	out[6] = (text_array){(void **)&t->sent_cue, 1, t->n_sent};
	out[7] = (text_array){(void **)&t->bigrams, sizeof *t->bigrams, n_bigrams};
	out[8] = (text_array){(void **)&t->body_hash, sizeof *t->body_hash,
			      t->n_body_hash};
	out[9] = (text_array){NULL, 0, 0};
}

ng_status ngi_stance_text_copy(const ngi_stance_text *t, ngi_arena *a,
			       ngi_stance_text **out)
{
	ngi_stance_text *c = ngi_arena_alloc(a, sizeof *c);
	if (!c)
		return NG_ERR_NOMEM;
	*c = *t;
	text_array arr[TEXT_ARRAYS];
	text_arrays(c, arr);
	int oom = 0;
	for (int i = 0; arr[i].at; i++)
		*arr[i].at = dup_array(a, *arr[i].at, arr[i].n, arr[i].size, &oom);
	if (oom)
		return NG_ERR_NOMEM;
	*out = c;
	return NG_OK;
}

/* The struct as it is (its pointers mean nothing on the other side), then
 * each array. */
ng_status ngi_stance_text_write(const ngi_stance_text *t, ngi_buf *out)
{
	ngi_stance_text c = *t;
	text_array arr[TEXT_ARRAYS];
	text_arrays(&c, arr);
	ng_status st = ngi_wire_bytes(out, &c, sizeof c);
	for (int i = 0; !st && arr[i].at; i++)
		st = ngi_wire_bytes(out, *arr[i].at, arr[i].n * arr[i].size);
	return st;
}

/* Counts that would make the arrays' sizes overflow are a damaged
 * message (words and sentences are capped far below this). */
#define TEXT_MAX_ITEMS ((size_t)1 << 28)

ng_status ngi_stance_text_read(ngi_wire_in *in, ngi_arena *a,
			       ngi_stance_text **out)
{
	size_t len;
	const void *raw = ngi_wire_get_bytes(in, &len);
	if (!raw || len != sizeof(ngi_stance_text))
		return NG_ERR_INPUT;
	ngi_stance_text *t = ngi_arena_alloc(a, sizeof *t);
	if (!t)
		return NG_ERR_NOMEM;
	memcpy(t, raw, sizeof *t);
	/* the counts are in the struct; each array must have as many
	 * elements as they say, the terms first (the positions' count is
	 * read off them) */
	t->terms = NULL;
	t->n_terms = t->n_terms < TEXT_MAX_ITEMS ? t->n_terms : 0;
	int oom = 0;
	size_t n;
	void *terms = ngi_wire_get_array(in, a, sizeof *t->terms, TEXT_MAX_ITEMS,
					 &n, &oom);
	if (oom)
		return NG_ERR_NOMEM;
	if (in->bad || n != t->n_terms)
		return NG_ERR_INPUT;
	t->terms = terms ? terms : dup_array(a, NULL, 0, sizeof *t->terms, &oom);
	for (uint32_t i = 0; i < t->n_terms; i++)
		if ((size_t)t->terms[i].pos_off + t->terms[i].n_pos > TEXT_MAX_ITEMS)
			return NG_ERR_INPUT;
	if (t->n_words > TEXT_MAX_ITEMS || t->n_sent > TEXT_MAX_ITEMS ||
	    t->bigram_mask > TEXT_MAX_ITEMS || t->n_bigrams > TEXT_MAX_ITEMS ||
	    t->n_body_hash > TEXT_MAX_ITEMS)
		return NG_ERR_INPUT;
	text_array arr[TEXT_ARRAYS];
	text_arrays(t, arr);
	for (int i = 1; arr[i].at && !oom; i++) {
		void *p = ngi_wire_get_array(in, a, arr[i].size, TEXT_MAX_ITEMS, &n,
					     &oom);
		if (!oom && (in->bad || n != arr[i].n))
			return NG_ERR_INPUT;
		*arr[i].at = p ? p : dup_array(a, NULL, 0, arr[i].size, &oom);
	}
	if (oom)
		return NG_ERR_NOMEM;
	*out = t;
	return NG_OK;
}
