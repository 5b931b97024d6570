/*
 * align.h: passage alignment between two articles, the evidence behind
 * rewrite and partial-reuse copy edges.
 *
 * An article is reduced to a text sketch: its sentences, each with the
 * sorted, de-duplicated hashes of its content stems (stopwords dropped) and
 * its byte range. Two sketches are aligned sentence by sentence: a pair
 * counts when the Dice overlap of their stems reaches NGI_ALIGN_MIN_SIM, and
 * a dynamic programme finds the order-preserving set of pairs with the
 * largest total similarity (a rewrite keeps the facts in the same order).
 * Consecutive pairs merge into passages, reported with byte offsets in both
 * articles. Time and memory are bounded: only the first NGI_ALIGN_MAX_SENTS
 * sentences of each article take part.
 *
 * Sketches serialise to a compact blob (stored with the article, read back
 * when a candidate must be verified).
 */
#ifndef NG_ALIGN_H
#define NG_ALIGN_H

#include "../sketch/anchors.h"

#define NGI_ALIGN_MAX_SENTS 400
#define NGI_ALIGN_MIN_SIM 0.30    /* Dice over content stems for a pair */
#define NGI_ALIGN_VERBATIM 0.80   /* a pair this close is copied text */
#define NGI_ALIGN_MIN_STEMS 3     /* shorter sentences never pair */
#define NGI_MAX_PASSAGES 16

typedef struct ngi_sent_sketch {
	uint32_t start, end;  /* byte offsets in the article text */
	uint32_t first;       /* index of its first stem in terms */
	uint16_t n;           /* content stems (sorted, unique) */
	uint16_t words;       /* words and numbers in the sentence */
} ngi_sent_sketch;

typedef struct ngi_text_sketch {
	ngi_sent_sketch *sents;
	uint32_t n_sents;
	uint32_t *terms;
	uint32_t n_terms;
	ngi_quote_span *quotes;   /* the article's quotations (evidence) */
	uint32_t n_quotes;
} ngi_text_sketch;

/* Builds the sketch of an analysed document into the arena; quotes (may be
 * NULL) are borrowed. */
ng_status ngi_text_sketch_build(const ngi_doc *d, const ngi_anchors *quotes,
				ngi_arena *a, ngi_text_sketch *out);

/* Serialised size, writing (buf of that size) and reading back. Reading
 * checks every count and offset against len: a damaged blob is
 * NG_ERR_INPUT, never a crash. */
size_t ngi_text_sketch_size(const ngi_text_sketch *s);
void ngi_text_sketch_write(const ngi_text_sketch *s, void *buf);
ng_status ngi_text_sketch_read(const void *buf, size_t len, ngi_arena *a,
			       ngi_text_sketch *out);

typedef struct ngi_passage {
	uint32_t a_start, a_end; /* bytes in article a */
	uint32_t b_start, b_end; /* bytes in article b */
	uint16_t pairs;          /* sentence pairs merged into it */
	float sim;               /* their mean similarity */
} ngi_passage;

typedef struct ngi_alignment {
	int pairs;              /* aligned sentence pairs */
	int verbatim_pairs;     /* of which near-verbatim */
	double coverage_a;      /* share of a's words in aligned sentences */
	double coverage_b;
	double mean_sim;
	int longest_run;        /* most consecutive near-verbatim pairs */
	uint32_t longest_run_words; /* a's words in that run */
	ngi_passage passages[NGI_MAX_PASSAGES]; /* largest first */
	int n_passages;
} ngi_alignment;

/* Similarity (Dice) of two sorted unique hash lists. */
double ngi_dice(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* Aligns a with b. Uses malloc'd scratch; NG_ERR_NOMEM on failure. */
ng_status ngi_align(const ngi_text_sketch *a, const ngi_text_sketch *b,
		    ngi_alignment *out);

#endif
