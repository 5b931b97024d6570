/*
 * pivot_terms.h: the language-neutral term bag of a document, the sketch
 * that cross-lingual linking compares (src/link/crossling.h) and that
 * articles in other languages than English cluster on. It maps a document's
 * words into English through the pivot dictionary (pivot.h) and adds the
 * canonical keys of its entity mentions (src/extract/entities.h), so it
 * sits after text analysis and entity extraction in the pipeline.
 *
 * Ownership: results of ngi_pivot_terms live in the arena passed in.
 */
#ifndef NG_PIVOT_TERMS_H
#define NG_PIVOT_TERMS_H

#include "../extract/entities.h"
#include "pivot.h"
#include "sketch.h"

/* A term kind after sketch.h's STEM, NAME and NUMBER: a canonical entity key
 * (entities.h), the same in every language and script. */
#define NGI_PIVOT_TERM_ENTITY 3

/* How a document's words count in its pivot bag. */
typedef struct ngi_pivot_options {
	unsigned title_weight;   /* extra counts of a title word */
	uint32_t lead_sentences; /* first sentences of the body that count */
	unsigned lead_extra;     /* ... this many more times */
	unsigned entity_weight;  /* counts of an entity mention (x the above) */
	unsigned number_weight;  /* counts of a number (ngi_number_term) */
	unsigned max_targets;    /* English stems taken per word (<= 4) */
	int names;               /* capitalised unknown words as names */
	int entity_names;        /* the words of a mention's Latin display
				    name as names (not in English texts): for
				    bags compared with English native bags,
				    which have names but no entity keys */
	int kana_names;          /* katakana words' entity keys (Japanese) */
	int unknown_stems;       /* capitalised words the dictionary does not
				    know also as English stem terms of their
				    folded form, sentence openers too (not in
				    English or Japanese texts) */
} ngi_pivot_options;

/* Display-name words a mention adds at most. */
#define NGI_PIVOT_NAME_WORDS 4

/* The defaults: those of the story term bag (title 2, lead 3 sentences + 4)
 * with entities counting 1 and numbers 2, two English stems per word, names
 * on, display names off (two pivot bags share the keys already: adding the
 * names lowered SemEval de-en Pearson from 0.679 to 0.634) (docs/CROSSLINGUAL.md has what the alternatives measured). */
void ngi_pivot_options_init(ngi_pivot_options *o);

/* The language-neutral term bag of a document, as ngi_terms gives the
 * native one (sorted by term, counts weighted the same way): English stems
 * of the words the dictionary knows (stopwords and one-letter words
 * dropped), numbers as the native bag has them (ngi_number_at: by their
 * value, so "1.000", "1,000", "1 000" and "тысяча" after a 1 meet), and the
 * canonical keys of the entity mentions passed in (found by
 * ngi_entities_find on body and title; either may be NULL/0), each mention
 * once, its words counting as words too, with the words of its Latin
 * display name as names (entity_names); capitalised words inside a
 * sentence that the dictionary does not know (and every one in English) as
 * names (NGI_TERM_NAME of the folded form); in Japanese, katakana words
 * (foreign names and loanwords) also as entity keys (kana_key.h), as if they
 * were mentions. title may be NULL; o NULL takes the defaults. Result in a; *out and *n_out untouched on failure. */
ng_status ngi_pivot_terms(const ngi_doc *body, const ngi_mention *body_m,
			  size_t n_body_m, const ngi_doc *title,
			  const ngi_mention *title_m, size_t n_title_m,
			  const ngi_pivot_options *o, ngi_arena *a,
			  ngi_term **out, uint32_t *n_out);

#endif
