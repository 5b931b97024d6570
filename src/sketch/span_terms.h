/*
 * span_terms.h: the language-neutral words of one passage of a document (a
 * quote, a claim), for telling whether two passages, in one language or
 * two, say the same thing (src/link/span_index.h).
 *
 * The terms are hashes in the space of the story term bags: English stems
 * (an English word's own stem; another language's words through the pivot
 * dictionary, pivot.h, up to two English stems each), the canonical keys of
 * the entity mentions inside the passage, and numbers by their digits.
 * Stopwords and one-letter words are left out, but for negations and words
 * of time (data/lexicons/passage_keep.tsv: "no", "never", "now", "then",
 * "kein", "damals"), which short passages depend on. Sorted, each once.
 */
#ifndef NG_SPAN_TERMS_H
#define NG_SPAN_TERMS_H

#include "../extract/entities.h"

/* At most this many terms a passage (the first ones in text order). */
#define NGI_SPAN_TERMS_MAX 48

/* The terms of doc's text between bytes start and end, with the mentions
 * m[0..nm) of doc (text order), into an array in a: *out (sorted, unique)
 * and *n (0 and NULL for a passage without words). NG_ERR_NOMEM, or
 * NG_ERR_INTERNAL when the embedded word list is missing. */
ng_status ngi_span_terms(const ngi_doc *doc, uint32_t start, uint32_t end,
			 const ngi_mention *m, size_t nm, ngi_arena *a,
			 uint32_t **out, uint32_t *n);

/* 64-bit hash of the passage's words as written (folded, punctuation
 * dropped): two passages with the same words have the same hash. 0 for a
 * passage without words. */
uint64_t ngi_span_words_hash(const ngi_doc *doc, uint32_t start, uint32_t end);

#endif
