/*
 * entity_int.h: what the two files of the entity recogniser share
 * (private): entity_spans.c finds the spans of names and types them
 * (passes 1-3 of ngi_entities_find), entity_mentions.c resolves them
 * within the article and writes the mentions (pass 4 and the driver).
 */
#ifndef NG_ENTITY_INT_H
#define NG_ENTITY_INT_H

#include "entities.h"

#include "../base/map.h"

#define SPAN_MAX_TOKENS 8
#define WORD_KEY_MAX 64
#define SPAN_KEY_MAX 192
/* keys this short ("h_n") are checked against the curated spellings */
#define SHORT_KEY 3
/* parts of a hyphenated word looked at */
#define HYPHEN_MAX_PARTS 4

/* word statistics bits: of a word (WS_LOWER, WS_CAPMID, and from bit
 * WS_CAPMID_SHIFT up how often it is capitalised inside a sentence, to
 * 255), or of a stem (WS_STEM_LOWER, under another hash seed) */
enum { WS_LOWER = 1, WS_CAPMID = 2, WS_STEM_LOWER = 4, WS_BITS = 7,
       WS_CAPMID_SHIFT = 8 };

/* evidence strength of a type */
enum { EV_NONE = 0, EV_WEAK = 1, EV_MEDIUM = 2, EV_STRONG = 3 };

struct ngi_entity_ctx {
	ngi_translit *tl;
	ngi_lexicon *lx;
	ngi_map words;   /* per document: hash(word) -> WS_ bits */
	ngi_map persons; /* per document: hash(key) -> span index + 1 */
	ngi_map givens;  /* per document: hash(given key) -> span index + 1 */
	ngi_map present; /* per document: hash(span key) -> 1 */
	ngi_map votes;   /* per document: hash(canonical key) -> type votes */
};

typedef struct span {
	uint32_t start, end;     /* bytes */
	uint32_t tok0, tok1;     /* tokens [tok0, tok1) */
	uint8_t n_words;         /* name words in the span */
	uint8_t type, evidence;
	uint8_t tentative;       /* dropped unless resolved (German nouns) */
	uint8_t per_cue;
	uint8_t drop;
	const char *key;         /* joined word keys */
	const char *first_key;   /* first name word's key */
	const char *last_key;    /* last name word's key */
	const char *alt_key;     /* German genitive without its -s, or NULL */
	const char *canon;       /* canonical key */
	const char *name;        /* display name */
	int resolved_to;         /* span index, or -1 */
	const ngi_known_name *known;
	const ngi_known_name *place; /* the gazetteer's, while typed a place */
} span;

typedef struct find_run {
	ngi_entity_ctx *c;
	const ngi_doc *doc;
	ngi_arena *a;
	int slavic, german, english;
	unsigned *lex;        /* per token lexicon flags, LEX_UNSET if not yet */
	uint8_t *initial;     /* per token: sentence-initial */
	uint8_t *shout;       /* per sentence: mostly capitals */
	span *spans;
	size_t n_spans, cap_spans;
} find_run;

#define LEX_UNSET 0x80000000u

/* ---- entity_spans.c ----------------------------------------------------------- */
/* Lexicon flags of token i (NGI_LX_*), looked up once per token. */
unsigned ngi_entity_lex_of(find_run *r, size_t i);
/* Key of one word: an acronym keeps its letters (when short or known),
 * anything else goes through the phonetic key (ngi_entity_word_key). */
size_t ngi_entity_surface_key(find_run *r, const char *surface, size_t slen,
			      const char *norm, size_t nlen, char *out,
			      size_t cap);
/* Pass 1: which words the document writes in lower case, and which it
 * capitalises away from a sentence start. */
ng_status ngi_entity_word_stats(find_run *r);
/* A new span at the end of r->spans, or NULL (out of memory). */
span *ngi_entity_new_span(find_run *r);
/* Pass 2: the spans of names. */
ng_status ngi_entity_find_spans(find_run *r);
/* The keys of span s (joined word keys, first, last, German genitive). */
ng_status ngi_entity_span_keys(find_run *r, span *s);
/* Pass 3: the type of span s from its cues. */
void ngi_entity_type_span(find_run *r, span *s);

#endif
