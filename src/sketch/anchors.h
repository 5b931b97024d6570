/*
 * anchors.h: verbatim anchors, the candidate keys for rewrites and partial
 * reuse.
 *
 * MinHash finds articles that share most of their word sequences; a rewrite
 * or a lifted paragraph shares only a few. Anchors are 64-bit hashes of
 * those few: every quotation of NGI_QUOTE_MIN_WORDS or more words (the text
 * between matching quote marks, normalised), and a content-defined sample of
 * word 4-grams (those whose hash falls in 1/NGI_ANCHOR_RATE of the space, so
 * two articles sample the same shared 4-grams). Quote anchors and 4-gram
 * anchors are hashed with different seeds and never collide.
 */
#ifndef NG_ANCHORS_H
#define NG_ANCHORS_H

#include "../text/text.h"

#define NGI_QUOTE_MIN_WORDS 5
#define NGI_ANCHOR_RATE 12
#define NGI_MAX_QUOTES 48
#define NGI_MAX_ANCHORS 160

typedef struct ngi_quote_span {
	uint32_t start, end;   /* bytes of the quoted words (marks excluded) */
	uint64_t hash;         /* the anchor */
} ngi_quote_span;

typedef struct ngi_anchors {
	uint64_t *hashes;      /* quotes first, then sampled 4-grams; unique */
	uint32_t n;
	ngi_quote_span *quotes;
	uint32_t n_quotes;
} ngi_anchors;

ng_status ngi_anchors_build(const ngi_doc *d, ngi_arena *a, ngi_anchors *out);

#endif
