/*
 * stance_copy.c: a prepared text copied into another arena (stance.h), for
 * the link stage, which keeps the prepared claims of recent stories longer
 * than the batch they were prepared in.
 */
#include <string.h>

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

ng_status ngi_stance_text_copy(const ngi_stance_text *t, ngi_arena *a,
			       ngi_stance_text **out)
{
	ngi_stance_text *c = ngi_arena_alloc(a, sizeof *c);
	if (!c)
		return NG_ERR_NOMEM;
	*c = *t;
	size_t n_pos = 0;
	for (uint32_t i = 0; i < t->n_terms; i++)
		if (t->terms[i].pos_off + t->terms[i].n_pos > n_pos)
			n_pos = t->terms[i].pos_off + t->terms[i].n_pos;
	int oom = 0;
	c->terms = dup_array(a, t->terms, t->n_terms, sizeof *t->terms, &oom);
	c->pos = dup_array(a, t->pos, n_pos, sizeof *t->pos, &oom);
	c->word_hash = dup_array(a, t->word_hash, t->n_words, sizeof *t->word_hash, &oom);
	c->word_sent = dup_array(a, t->word_sent, t->n_words, sizeof *t->word_sent, &oom);
	c->word_cue = dup_array(a, t->word_cue, t->n_words, 1, &oom);
	c->near_cue = dup_array(a, t->near_cue, t->n_words, 1, &oom);
	c->sent_cue = dup_array(a, t->sent_cue, t->n_sent, 1, &oom);
	c->bigrams = dup_array(a, t->bigrams,
			       t->bigram_mask ? (size_t)t->bigram_mask + 1
					      : t->n_bigrams,
			       sizeof *t->bigrams, &oom);
	c->body_hash = dup_array(a, t->body_hash, t->n_body_hash,
				 sizeof *t->body_hash, &oom);
	if (oom)
		return NG_ERR_NOMEM;
	*out = c;
	return NG_OK;
}
