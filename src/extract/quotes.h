/*
 * quotes.h: who said what in one article. Direct quotes between quote marks
 * (every common style: “ ” „ “ « » ‹ › " ' ‘ ’ ‚ 「 」 and em-dash dialogue),
 * split and partial quotes, and indirect speech introduced by a speech verb
 * or cue ("X said that ...", "laut X", "по словам X"), each with its
 * speaker: the subject or agent of the speech verb, a pronoun or role
 * resolved to the person it refers to in the article, tied to the entity
 * mentions of src/extract/entities.h.
 *
 * Pure per document (runs on the analysis threads); the speech-verb and cue
 * lexicons are data files (data/lexicons/), loaded once per process.
 * Linear in the text.
 */
#ifndef NG_QUOTES_H
#define NG_QUOTES_H

#include "../base/base.h"
#include "../text/text.h"
#include "entities.h"

typedef struct ngi_quote {
	/* The quoted words: byte offsets into doc->text (quote marks
	 * excluded), end exclusive, and the same in code points. */
	uint32_t start, end;
	uint32_t cp_start, cp_end;
	uint8_t direct;       /* 1 between quote marks or dash dialogue, 0 indirect */
	/* Index (in the returned array) of the first piece of a split quote
	 * ("…,” he said, “…”); a quote's own index when it is not split. */
	uint32_t first_piece;
	/* The speaker: index into the mentions passed in (a person, or an
	 * organisation that speaks: "the Kremlin said"), -1 when unknown. */
	int32_t speaker;
	/* The words naming the speaker at this quote ("he", "the Kremlin
	 * spokesman", "Peskov"), bytes; start == end when there are none. */
	uint32_t as_written_start, as_written_end;
	/* The speech verb or cue ("said", "laut", "according to"), bytes;
	 * start == end when there is none. */
	uint32_t cue_start, cue_end;
	uint32_t sentence;    /* the sentence the quote starts in */
	/* 1 for a direct quote set inside the writer's own sentence: words
	 * of that sentence come before its first mark, other than a cue
	 * ending in ',' or ':' or a speech verb right before it ("adding
	 * that “…”", "called it “…”"), or its first word is in lower case
	 * ("explained Rosenberg, “with this …"): a partial quote. 0
	 * otherwise. Every piece of a split quote has its first piece's. */
	uint8_t partial;
} ngi_quote;

/* Caps the quotes of one document; the rest of a longer one is dropped. */
#define NGI_QUOTES_MAX 10000

/* Finds the quotes of doc (analysed by ngi_text_analyze; doc->lang picks
 * the lexicon) whose mentions (ngi_entities_find, text order) are m[0..nm),
 * in text order, into an array in a. *out and *n are untouched on failure
 * (NG_ERR_NOMEM). */
ng_status ngi_quotes_find(const ngi_doc *doc, const ngi_mention *m, size_t nm,
			  ngi_arena *a, ngi_quote **out, size_t *n);

#endif
