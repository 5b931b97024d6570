/*
 * sentence_sim.h: how alike two sentences are, as a handful of features.
 *
 * Rewrite detection compares sentences of two articles that may share few
 * exact word sequences: a reworded sentence keeps most of its stems, its
 * numbers and names, and the order of its content. ngi_sim_prepare turns a
 * run of analysed tokens (a sentence of an ngi_doc, or a whole short doc)
 * into compact sorted sets of 32-bit hashes once; ngi_sim_features then
 * compares two prepared sentences with no allocation, in time linear in
 * their lengths (the LCS is quadratic but capped at NGI_SIM_MAX_LCS stems).
 * The features are in [0, 1], symmetric in the two sentences, and named in
 * ngi_sim_feature_names; a classifier over them (logreg.h) is trained on
 * MSRP by the "msrp" eval suite.
 *
 * Ownership: a prepared sentence's arrays belong to the arena passed to
 * ngi_sim_prepare.
 */
#ifndef NG_EVAL_SENTENCE_SIM_H
#define NG_EVAL_SENTENCE_SIM_H

#include "../text/text.h"

#define NGI_SIM_N_FEATURES 12
#define NGI_SIM_MAX_LCS 256 /* stems per sentence taken into the LCS */

typedef struct ngi_sim_sentence {
	uint32_t *seq;        /* stems of all words and numbers, in order */
	uint32_t n_seq;
	uint32_t *words;      /* normalised words and numbers, sorted, unique */
	uint32_t n_words;
	uint32_t *stems;      /* content stems (no stopwords), sorted, unique */
	uint32_t n_stems;
	uint32_t *bigrams;    /* consecutive stem pairs, sorted, unique */
	uint32_t n_bigrams;
	uint32_t *numbers;    /* number tokens, sorted, unique */
	uint32_t n_numbers;
	uint32_t *names;      /* capitalised words not opening a sentence */
	uint32_t n_names;
} ngi_sim_sentence;

/* The feature order, for reports: word_overlap_min, word_overlap_max,
 * stem_overlap_min, stem_overlap_max, stem_jaccard, lcs_min, lcs_max,
 * bigram_dice, numbers_shared, numbers_differ, names_shared, length_ratio. */
extern const char *const ngi_sim_feature_names[NGI_SIM_N_FEATURES];

/* Prepares tokens [first, first + n) of d (d->lang picks the stopwords).
 * NG_ERR_NOMEM when the arena is exhausted. */
ng_status ngi_sim_prepare(const ngi_doc *d, size_t first, size_t n,
			  ngi_arena *a, ngi_sim_sentence *out);

/* Fills f with the NGI_SIM_N_FEATURES features of the pair. "overlap" is
 * |A ∩ B| / |A| taken both ways (min and max of the two); lcs is the
 * longest common subsequence of the stem sequences over the shorter (max)
 * and the longer (min) length; set features of two empty sets are 1. */
void ngi_sim_features(const ngi_sim_sentence *a, const ngi_sim_sentence *b,
		      double f[NGI_SIM_N_FEATURES]);

#endif
