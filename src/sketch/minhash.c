/*
 * minhash.c: content hash and MinHash signatures over word 3-shingles.
 *
 * Each shingle (three consecutive normalised words, punctuation skipped) is
 * hashed once to 64 bits, and the signature is a one-permutation MinHash
 * (Li, Owen and Zhang 2012): the hash's top bits choose one of K bins and
 * its low bits compete for that bin's minimum, one step per shingle instead
 * of K. Bins left empty by short texts are filled by densification
 * (Shrivastava 2017). Documents shorter than three words give one shingle
 * of what they have. Indexes store and compare only the low 16 bits of
 * each minimum (ngi_minhash_pack; LSH bands and the Jaccard estimate work
 * on that form, see sketch.h).
 */
#include "sketch.h"

#include <string.h>
#include <xxhash.h>

#include "../base/map.h"

static int is_word(const ngi_token *t)
{
	return t->kind == NGI_TOK_WORD || t->kind == NGI_TOK_NUMBER;
}

uint64_t ngi_content_hash(const ngi_doc *d)
{
	/* chained: each word's hash seeds the next, so order matters */
	uint64_t h = 0x636f6e74656e74ULL;
	int any = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		if (!is_word(t))
			continue;
		h = XXH3_64bits_withSeed(t->norm, t->norm_len, h);
		any = 1;
	}
	if (!any)
		return 0;
	return h ? h : 1;
}

static uint64_t rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

/* One shingle hash: the three word hashes, each rotated by its position. */
static uint64_t shingle_hash(const uint64_t w[3])
{
	return ngi_mix64(w[0] ^ rotl(w[1], 21) ^ rotl(w[2], 42));
}

/* One-permutation hashing: the top bits of a shingle's hash pick one of
 * the K bins, the low 32 bits compete for that bin's minimum. */
static void update(uint32_t sig[NGI_MINHASH_K], uint64_t h)
{
	unsigned bin = (unsigned)(h >> 58) % NGI_MINHASH_K;
	uint32_t v = (uint32_t)h;
	if (v < sig[bin])
		sig[bin] = v;
}

/* Densification: an empty bin (a short text leaves some) takes the value of
 * a filled bin chosen by a probe sequence that depends only on the bin's
 * index, so two texts with the same filled bins densify the same way and
 * the bins still agree with probability equal to the Jaccard similarity. */
static void densify(uint32_t sig[NGI_MINHASH_K], const uint8_t filled[NGI_MINHASH_K])
{
	for (unsigned i = 0; i < NGI_MINHASH_K; i++) {
		if (filled[i])
			continue;
		for (uint64_t attempt = 1;; attempt++) {
			unsigned j = (unsigned)(ngi_mix64((uint64_t)i << 32 | attempt) %
						NGI_MINHASH_K);
			if (filled[j]) {
				sig[i] = sig[j];
				break;
			}
		}
	}
}

size_t ngi_minhash(const ngi_doc *d, uint32_t sig[NGI_MINHASH_K])
{
	for (int k = 0; k < NGI_MINHASH_K; k++)
		sig[k] = UINT32_MAX;
	uint64_t w[3] = {0, 0, 0};
	size_t words = 0, shingles = 0;
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		if (!is_word(t))
			continue;
		w[0] = w[1];
		w[1] = w[2];
		w[2] = XXH3_64bits(t->norm, t->norm_len);
		if (++words < 3)
			continue;
		update(sig, shingle_hash(w));
		shingles++;
	}
	if (words > 0 && words < 3) {
		update(sig, shingle_hash(w));
		shingles = 1;
	}
	if (shingles == 0)
		return 0;
	/* a bin is filled when a shingle landed in it: UINT32_MAX itself is a
	 * possible minimum, so track it apart */
	uint8_t filled[NGI_MINHASH_K] = {0};
	int empty = 0;
	for (int k = 0; k < NGI_MINHASH_K; k++) {
		filled[k] = sig[k] != UINT32_MAX;
		empty += !filled[k];
	}
	if (empty == NGI_MINHASH_K)
		filled[0] = 1, sig[0] = UINT32_MAX - 1; /* every hash was UINT32_MAX */
	if (empty)
		densify(sig, filled);
	return shingles;
}

void ngi_minhash_pack(const uint32_t sig[NGI_MINHASH_K],
		      ngi_minhash_bits out[NGI_MINHASH_K])
{
	for (int k = 0; k < NGI_MINHASH_K; k++)
		out[k] = (ngi_minhash_bits)sig[k];
}

double ngi_minhash_similarity(const ngi_minhash_bits *a,
			      const ngi_minhash_bits *b)
{
	int same = 0;
	for (int k = 0; k < NGI_MINHASH_K; k++)
		same += a[k] == b[k];
	return (double)same / NGI_MINHASH_K;
}

uint64_t ngi_lsh_band_key(const ngi_minhash_bits sig[NGI_MINHASH_K], int band)
{
	uint64_t h = 0x5bd1e995u + (uint64_t)band;
	for (int r = 0; r < NGI_LSH_ROWS; r++)
		h = ngi_mix64(h ^ sig[band * NGI_LSH_ROWS + r]);
	return h;
}

int ngi_lsh_band_equal(const ngi_minhash_bits *a, const ngi_minhash_bits *b,
		       int band)
{
	for (int r = band * NGI_LSH_ROWS; r < (band + 1) * NGI_LSH_ROWS; r++)
		if (a[r] != b[r])
			return 0;
	return 1;
}
