/*
 * text.h: records -> analysed documents, the second stage of the pipeline.
 *
 * ngi_text_analyze takes valid UTF-8 and produces: the language (CLD2, "und"
 * when unsure), tokens with byte offsets into the original text, each with
 * its normalised form (Unicode NFKC + case folding, utf8proc) and its Snowball
 * stem where Snowball has the language (else the normalised form), and
 * sentences. Word splitting follows Unicode categories (letters, marks and
 * digits make words; apostrophes and hyphens inside a word stay in it);
 * sentence splitting copes with abbreviations (Mr., Dr., U.S., z.B., т.е.),
 * initials, numbers (3.5, 11.49), closing quotes and brackets after the stop,
 * and the stops of non-Latin scripts (。！？ ؟ ।).
 *
 * Threads: an ngi_text_ctx holds stemmers, which are not thread-safe; use
 * one per thread. Everything a document owns comes from the arena passed in.
 */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include "../base/base.h"

typedef enum ngi_token_kind {
	NGI_TOK_WORD = 0,   /* letters (any script), may hold digits, ' and - */
	NGI_TOK_NUMBER = 1, /* digits, with inner . , : separators (3.5, 14:30) */
	NGI_TOK_PUNCT = 2,  /* any other non-space character, one per token */
} ngi_token_kind;

typedef struct ngi_token {
	uint32_t start, end;   /* byte offsets into the document text */
	const char *norm;      /* NFKC + case folded, NUL-terminated */
	const char *stem;      /* Snowball stem of norm, or norm itself */
	uint16_t norm_len, stem_len;
	uint8_t kind;          /* ngi_token_kind */
	uint8_t capitalised;   /* first letter is upper or title case */
	uint8_t stop;          /* ngi_is_stopword(the document's lang, norm):
				* looked up once, for every stage that skips
				* stopwords */
	uint32_t sentence;     /* index into sentences */
} ngi_token;

typedef struct ngi_sentence {
	uint32_t start, end;      /* byte offsets, end exclusive */
	uint32_t first_token;     /* index into tokens */
	uint32_t n_tokens;
} ngi_sentence;

typedef struct ngi_doc {
	const char *text;         /* borrowed: the text analysed */
	size_t len;
	char lang[8];             /* ISO 639-1 ("en") or "und" */
	int lang_reliable;        /* CLD2's is-reliable flag */
	int lang_percent;         /* CLD2's percent for the top language */
	ngi_token *tokens;
	size_t n_tokens;
	ngi_sentence *sentences;
	size_t n_sentences;
	size_t n_words;           /* tokens of kind WORD or NUMBER */
} ngi_doc;

typedef struct ngi_text_ctx ngi_text_ctx;

ng_status ngi_text_ctx_new(ngi_text_ctx **out);
void ngi_text_ctx_free(ngi_text_ctx *c);

/* Caps the tokens kept per document; a longer text is analysed up to there
 * and the doc says so through n_tokens == NGI_TEXT_MAX_TOKENS. */
#define NGI_TEXT_MAX_TOKENS 2000000

/* Analyses text (valid UTF-8, len bytes). lang_hint, if a known ISO 639-1
 * code, is used instead of detection. */
ng_status ngi_text_analyze(ngi_text_ctx *c, const char *text, size_t len,
			   const char *lang_hint, ngi_arena *a, ngi_doc *out);

/* The analysis of bytes [start, end) of an analysed document's text, the
 * same as ngi_text_analyze of those bytes with the document's language as
 * the hint; a token with the same bytes as one of whole's takes its folded
 * form, stem and stopword flag instead of computing them again. The
 * result borrows those strings from whole: it lives as long as both. */
ng_status ngi_text_analyze_part(ngi_text_ctx *c, const ngi_doc *whole,
				size_t start, size_t end, ngi_arena *a,
				ngi_doc *out);

/* Whether token i of d is the first word of its sentence (only
 * punctuation, such as opening quotes or brackets, before it): a
 * capitalised word there says nothing about being a name. */
int ngi_doc_opens_sentence(const ngi_doc *d, size_t i);
/* The first token of d starting at or after byte b (n_tokens when none):
 * a binary search (doc_find.c). */
size_t ngi_doc_token_from(const ngi_doc *d, uint32_t b);

/* Language only: writes an ISO 639-1 code or "und" into out (>= 8 bytes).
 * No C++ exception leaves CLD2's call: out of memory there is
 * NG_ERR_NOMEM (out is "und"), any other exception gives "und" and NG_OK. */
ng_status ngi_langid_detect(const char *text, size_t len, char out[8],
		       int *reliable, int *percent);

/* NFKC + case fold of s into the arena; NULL on out-of-memory. */
char *ngi_text_fold(const char *s, size_t len, ngi_arena *a, size_t *out_len);

/* Snowball algorithm name for an ISO 639-1 code, or NULL. */
const char *ngi_stem_algorithm(const char *lang);

/* Is this normalised word a stopword of lang (or of any language when lang
 * is "und")? Small curated lists for the languages we detect. */
int ngi_is_stopword(const char *lang, const char *norm, size_t len);

#endif
