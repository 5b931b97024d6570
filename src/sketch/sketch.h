/*
 * sketch.h: analysed documents -> compact features for linking.
 *
 * Three sketches per document, all pure functions of the text:
 *  - content hash: XXH3-64 of the normalised word stream (NFKC + case fold,
 *    punctuation and spacing ignored): equal hashes mean exact copies;
 *  - MinHash: a one-permutation signature of NGI_MINHASH_K bins over word
 *    3-shingles (normalised words), estimating the Jaccard similarity of
 *    two shingle sets; banded into
 *    NGI_LSH_BANDS bands of NGI_LSH_ROWS rows for candidate lookup
 *    (docs/LINKING.md has the S-curve these give). Indexes keep only the
 *    low 16 bits of each minimum (b-bit MinHash, Li and Koenig 2010):
 *    bands and similarity are computed on those, see ngi_minhash_pack;
 *  - terms: the bag of stems (stopwords dropped) plus capitalised names and
 *    4+ digit numbers as their own features, as 32-bit hashes with counts,
 *    sorted by hash, words of the title and lead counting extra. Story
 *    clustering weighs them by TF-IDF.
 */
#ifndef NG_SKETCH_H
#define NG_SKETCH_H

#include "../text/text.h"

#define NGI_MINHASH_K 64
#define NGI_LSH_ROWS 3
#define NGI_LSH_BANDS 21 /* 21 * 3 = 63 of the 64 minima */

typedef struct ngi_term {
	uint32_t term;  /* hash of the stem (or name, number) */
	uint32_t count; /* occurrences, title words weighted */
} ngi_term;

/* Kind of term feature, mixed into the hash so the spaces never collide. */
enum { NGI_TERM_STEM = 0, NGI_TERM_NAME = 1, NGI_TERM_NUMBER = 2 };

/* Hash of the normalised word stream; 0 when the document has no words. */
uint64_t ngi_content_hash(const ngi_doc *d);

/* Fills sig; returns the number of shingles seen (0: sig is all ones and
 * must not be used). */
size_t ngi_minhash(const ngi_doc *d, uint32_t sig[NGI_MINHASH_K]);

/* A signature as indexes store it: the low 16 bits of each minimum. Two
 * unequal minima agree there with probability 2^-16, far below the 1/64
 * resolution of the estimate, so the stored form loses no precision that
 * matters (128 bytes instead of 256). */
typedef uint16_t ngi_minhash_bits;
void ngi_minhash_pack(const uint32_t sig[NGI_MINHASH_K],
		      ngi_minhash_bits out[NGI_MINHASH_K]);

/* Fraction of equal (stored) minima: the Jaccard estimate. */
double ngi_minhash_similarity(const ngi_minhash_bits *a,
			      const ngi_minhash_bits *b);

/* Key of band b of a stored signature (band index mixed in). */
uint64_t ngi_lsh_band_key(const ngi_minhash_bits sig[NGI_MINHASH_K], int band);

/* Whether two stored signatures agree on all rows of band b. */
int ngi_lsh_band_equal(const ngi_minhash_bits *a, const ngi_minhash_bits *b,
		       int band);

/* The term bag of a document: body and title. Words of the body's first
 * lead_sentences sentences count 1 + lead_extra times, title words
 * title_weight + lead_extra times, other body words once (weights at most
 * 16 each). Result is arena-allocated and sorted by term. */
ng_status ngi_terms(const ngi_doc *body, const ngi_doc *title,
		    unsigned title_weight, uint32_t lead_sentences,
		    unsigned lead_extra, ngi_arena *a, ngi_term **out,
		    uint32_t *n_out);

/* A number token is a term when it has at least this many digits (amounts,
 * counts, years: "115 days", "9,500 cases", "2020"), hashed by its digits
 * alone so "1.000" and "1,000" meet across languages (ngi_number_at joins
 * "1 000" and multiplies out scale words); shorter
 * numbers are too common to tell events apart. 3 rather than 4: measured
 * on both halves of the WMT21 dev set (docs/CROSSLINGUAL.md). */
#define NGI_NUMBER_MIN_DIGITS 3

/* The term of a number token (norm, norm_len), or 0 when it is not one
 * (fewer than NGI_NUMBER_MIN_DIGITS digits). */
uint32_t ngi_number_term(const char *norm, size_t norm_len);

/* The language-neutral term of the number that starts at token i of d
 * (number_terms.c): digits grouped by spaces are one number ("600 000"), a
 * scale word of d's language after it multiplies it out ("600 тысяч",
 * "43,5 Milliarden", "60万", read with the language's decimal separator),
 * else it is ngi_number_term of the token. *last is the last token the
 * number took (i, or the last group of "600 000"); 0 when there is no
 * term (not a number, or too few digits). */
uint32_t ngi_number_at(const ngi_doc *d, size_t i, size_t *last);

/* Hash of one term of a kind, as stored in ngi_term.term. */
uint32_t ngi_term_hash(int kind, const char *s, size_t len);

#endif
