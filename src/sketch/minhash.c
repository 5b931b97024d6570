/*
 * minhash.c: content hash and MinHash signatures over word 3-shingles.
 *
 * Each shingle (three consecutive normalised words, punctuation skipped) is
 * hashed once to 64 bits; the K hash functions are h*a_k + b_k (a_k odd),
 * whose top 32 bits are kept: one multiply-add per function, a loop the
 * compiler vectorises. Documents shorter than three words give one shingle
 * of what they have.
 */
#include "sketch.h"

#include <pthread.h>
#include <string.h>
#include <xxhash.h>

#include "../base/map.h"

static int is_word(const ngx_token *t)
{
	return t->kind == NGX_TOK_WORD || t->kind == NGX_TOK_NUMBER;
}

uint64_t ngx_content_hash(const ngx_doc *d)
{
	/* chained: each word's hash seeds the next, so order matters */
	uint64_t h = 0x636f6e74656e74ULL;
	int any = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngx_token *t = &d->tokens[i];
		if (!is_word(t))
			continue;
		h = XXH3_64bits_withSeed(t->norm, t->norm_len, h);
		any = 1;
	}
	if (!any)
		return 0;
	return h ? h : 1;
}

/* The K multiply-add constants, fixed forever (signatures are stored). */
static uint64_t mh_a[NGX_MINHASH_K], mh_b[NGX_MINHASH_K];
static void init_constants(void)
{
	uint64_t x = 0x6e657773677261ULL; /* "newsgra" */
	for (int k = 0; k < NGX_MINHASH_K; k++) {
		x += 0x9e3779b97f4a7c15ULL;
		mh_a[k] = ngx_mix64(x) | 1;
		x += 0x9e3779b97f4a7c15ULL;
		mh_b[k] = ngx_mix64(x);
	}
}

static void update(uint32_t sig[NGX_MINHASH_K], uint64_t h)
{
	for (int k = 0; k < NGX_MINHASH_K; k++) {
		uint32_t v = (uint32_t)((h * mh_a[k] + mh_b[k]) >> 32);
		sig[k] = v < sig[k] ? v : sig[k];
	}
}

size_t ngx_minhash(const ngx_doc *d, uint32_t sig[NGX_MINHASH_K])
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_constants);
	for (int k = 0; k < NGX_MINHASH_K; k++)
		sig[k] = UINT32_MAX;
	uint64_t w[3] = {0, 0, 0};
	size_t words = 0, shingles = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngx_token *t = &d->tokens[i];
		if (!is_word(t))
			continue;
		w[0] = w[1];
		w[1] = w[2];
		w[2] = XXH3_64bits(t->norm, t->norm_len);
		if (++words < 3)
			continue;
		uint64_t h = ngx_mix64(w[0] ^ ngx_mix64(w[1] ^ ngx_mix64(w[2])));
		update(sig, h);
		shingles++;
	}
	if (words > 0 && words < 3) {
		uint64_t h = ngx_mix64(w[0] ^ ngx_mix64(w[1] ^ ngx_mix64(w[2])));
		update(sig, h);
		shingles = 1;
	}
	return shingles;
}

double ngx_minhash_similarity(const uint32_t *a, const uint32_t *b)
{
	int same = 0;
	for (int k = 0; k < NGX_MINHASH_K; k++)
		same += a[k] == b[k];
	return (double)same / NGX_MINHASH_K;
}

uint64_t ngx_lsh_band_key(const uint32_t sig[NGX_MINHASH_K], int band)
{
	uint64_t h = 0x5bd1e995u + (uint64_t)band;
	for (int r = 0; r < NGX_LSH_ROWS; r++)
		h = ngx_mix64(h ^ sig[band * NGX_LSH_ROWS + r]);
	return h;
}
