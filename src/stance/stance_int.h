/*
 * stance_int.h: the inside of the stance classifier, shared by its files
 * and by the training tool (tools/train_stance.c).
 *
 * Feature space (indices, all below NGI_STANCE_N_FEATURES):
 *   0                      the bias, always 1
 *   1 .. D                 the dense features, each squashed into [0, 1]
 *   D+1 .. D+D*BINS        each dense feature's bin, one-hot (a linear model
 *                          gets a step function of every feature)
 *   HASH_BASE ..           hashed words: the claim's stems, the body's stems
 *                          near the claim's words, the body's stems
 * Stage A (related?) uses the indices below NGI_STANCE_HASH_BASE; stage B
 * (agree, disagree, discuss) uses all of them.
 *
 * IDF: a table from term hash (FNV-1a 64 of the stem) to inverse document
 * frequency, stored in the model; a term not in it gets idf_default (it was
 * rare or unseen, as the words of another language are).
 */
#ifndef NG_STANCE_INT_H
#define NG_STANCE_INT_H

#include "../base/map.h"
#include "stance.h"

#define NGI_STANCE_N_DENSE 48
#define NGI_STANCE_BINS 8
#define NGI_STANCE_HASH_BITS 14
#define NGI_STANCE_HASH_BASE (1 + NGI_STANCE_N_DENSE * (1 + NGI_STANCE_BINS))
#define NGI_STANCE_N_FEATURES (NGI_STANCE_HASH_BASE + (1 << NGI_STANCE_HASH_BITS))
/* Non-zero features of one pair, at most (the rest are dropped). */
#define NGI_STANCE_MAX_NNZ 1536

/* Cue kinds (data/lexicons/stance_cues.tsv), bit i of a cue mask. */
enum {
	NGI_CUE_REFUTE = 0,
	NGI_CUE_DENY = 1,
	NGI_CUE_HEDGE = 2,
	NGI_CUE_NEGATION = 3,
	NGI_CUE_SUPPORT = 4,
	NGI_CUE_KINDS = 5
};

/* The cue mask of a folded word in a language ("und" or a language the
 * lexicon lacks: every language's rows). NG_ERR_NOMEM / NG_ERR_INTERNAL
 * when the lexicon cannot be built. */
ng_status ngi_stance_cues_load(void);
unsigned ngi_stance_cue_mask(const char *lang, const char *word, size_t len);
/* The same in two steps, for a text's many words: the hash of the cue
 * language lang falls back to ("*" when the lists do not have it), once;
 * then each word's mask. */
uint64_t ngi_stance_cue_lang(const char *lang);
unsigned ngi_stance_cue_mask_in(uint64_t lang_hash, const char *word, size_t len);
/* The same for a word given by its term hash (ngi_stance_term_hash): only
 * for a word of 1 to 63 bytes without U+2019, which the lexicon reads as
 * an apostrophe (ngi_stance_cue_mask_in rewrites it first). */
unsigned ngi_stance_cue_mask_hashed(uint64_t lang_hash, uint64_t word_hash);

/* FNV-1a 64 of bytes: the term hash (stable: stored in the model). */
uint64_t ngi_stance_term_hash(const char *s, size_t n);

typedef struct ngi_stance_idf {
	ngi_map map;          /* term hash -> idf (float bits) */
	float idf_default;
} ngi_stance_idf;

/* One distinct content term (not a stopword, a word or a number). */
typedef struct ngi_stance_term {
	uint64_t hash;
	float idf;
	uint32_t tf;
	uint32_t first_sent;  /* sentence of the first occurrence (0-based) */
	uint32_t pos_off;     /* its word positions: pos[pos_off .. + n_pos) */
	uint32_t n_pos;
	uint8_t is_number;
	uint8_t capitalised;  /* capitalised somewhere not opening a sentence */
} ngi_stance_term;

struct ngi_stance_text {
	char lang[8];
	uint32_t n_words;     /* word and number tokens kept */
	uint32_t n_content;   /* of them, content words */
	uint32_t n_sent;
	ngi_stance_term *terms; /* sorted by hash */
	uint32_t n_terms;
	uint32_t *pos;        /* word positions, grouped by term */
	uint32_t *word_hash;  /* per word: low bits of its stem's hash */
	uint32_t *word_sent;  /* per word: sentence index */
	uint8_t *word_cue;    /* per word: its own cue mask */
	uint8_t *near_cue;    /* per word: cue masks within the window */
	uint8_t *sent_cue;    /* per sentence: cue masks of its words */
	/* Content-stem bigram hashes, n_bigrams distinct ones: sorted when
	 * bigram_mask is 0 (a claim's few), else a hash set of bigram_mask + 1
	 * slots (a body's hundreds, only ever looked up), 0 marking an empty
	 * slot and bigram_zero the hash 0. */
	uint64_t *bigrams;
	uint32_t n_bigrams;
	uint32_t bigram_mask;
	uint8_t bigram_zero;
	float cue_count[NGI_CUE_KINDS]; /* occurrences in the text */
	float cue_lead[NGI_CUE_KINDS];  /* occurrences in the first 3 sentences */
	double tfidf_norm;    /* of (1 + log tf) * idf */
	double idf_sum;       /* of the distinct terms' idf */
	/* Body-level hashed stems: bucket indices (sorted unique) and value. */
	uint32_t *body_hash;
	uint32_t n_body_hash;
	float body_hash_val;
};

/* Prepares with an explicit IDF table (training); ngi_stance_prepare uses
 * the model's. */
ng_status ngi_stance_prepare_idf(const ngi_doc *doc,
				 const ngi_stance_idf *idf, ngi_arena *a,
				 ngi_stance_text **out);

/* A sparse feature vector: indices may repeat (values then add up). */
typedef struct ngi_stance_fvec {
	uint32_t n;
	uint32_t idx[NGI_STANCE_MAX_NNZ];
	float val[NGI_STANCE_MAX_NNZ];
} ngi_stance_fvec;

/* Groups of hashed features (a model says which it was trained with). */
enum {
	NGI_STANCE_G_CLAIM = 1,     /* the claim's stems */
	NGI_STANCE_G_CONTEXT = 2,   /* body words around the claim's words */
	NGI_STANCE_G_CLAIM_CUE = 4, /* claim stem x cue kind near it in the body */
	NGI_STANCE_G_BODY = 8,      /* the body's stems (its lead) */
	NGI_STANCE_G_ALL = 15
};

/* The features of a pair: the dense ones and the hashed groups asked for. */
void ngi_stance_features(const ngi_stance_text *claim,
			 const ngi_stance_text *body, unsigned groups,
			 ngi_stance_fvec *out);
/* Name of dense feature i (0-based), for the training tool's report. */
const char *ngi_stance_dense_name(int i);

/* The model: stage A weights (P(related) = sigmoid(w . x)), stage B
 * one-vs-rest weights of agree, disagree, discuss. */
typedef struct ngi_stance_model {
	ngi_stance_idf idf;
	float threshold;      /* P(related) needed to be related */
	unsigned groups;      /* NGI_STANCE_G_* the features use */
	float *wa;            /* NGI_STANCE_N_FEATURES */
	float *wb;            /* NGI_STANCE_N_FEATURES * 3, feature-major */
} ngi_stance_model;

/* Parses a model file's text into m (zeroed first); NG_ERR_INPUT with a
 * line number in *bad_line when malformed. Free with ngi_stance_model_free. */
ng_status ngi_stance_model_parse(const char *text, size_t len,
				 ngi_stance_model *m, int *bad_line);
void ngi_stance_model_free(ngi_stance_model *m);
/* Classifies a feature vector with a model. */
void ngi_stance_predict(const ngi_stance_model *m, const ngi_stance_fvec *f,
			ngi_stance_result *out);
/* The embedded model, loaded once; NULL when missing or malformed. */
const ngi_stance_model *ngi_stance_model_get(ng_status *st);

#endif
