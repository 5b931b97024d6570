/*
 * quote_int.h: the pieces of the quote finder shared by its files, private
 * to src/extract/quote*.c. quotes.c drives them: quote_marks.c finds the
 * spans between quote marks and the dash-dialogue pieces, quote_speakers.c
 * groups the pieces, finds each one's speech verb or cue and speaker and
 * finds indirect speech, quote_lexicon.c holds the word lists of
 * data/lexicons/ (speech_verbs.tsv, quote_cues.tsv, speaker_pronouns.tsv).
 */
#ifndef NG_QUOTE_INT_H
#define NG_QUOTE_INT_H

#include "quotes.h"

/* ---- quote_lexicon.c ----------------------------------------------------*/
enum {
	NGI_QW_VERB = 1 << 0,     /* a speech verb */
	NGI_QW_INDIRECT = 1 << 1, /* it can introduce indirect speech */
	NGI_QW_PRON = 1 << 2,     /* a personal pronoun */
	NGI_QW_ROLE = 1 << 3,     /* the head of a role ("spokesman") */
	NGI_QW_DET = 1 << 4,      /* a determiner before a role */
	NGI_QW_COMP = 1 << 5,     /* a complementizer ("that", "dass") */
	NGI_QW_AUX = 1 << 6,      /* may stand between speaker and verb */
	NGI_QW_OBJECT = 1 << 7,   /* what follows the verb is not its speaker */
	NGI_QW_SELF = 1 << 8,     /* a first-person pronoun ("I", "we") */
	NGI_QW_NOTNAME = 1 << 9,  /* capitalised but never a speaker (Monday) */
};
enum {
	NGI_QC_SOURCE_AFTER = 1 << 0, /* the source follows the cue */
	NGI_QC_AFTER_QUOTE = 1 << 1,  /* only right after a closing mark */
};

/* Loads the three lexicons once per process (NG_ERR_NOMEM retried on the
 * next call; NG_ERR_INTERNAL when an embedded file is missing). */
ng_status ngi_quote_lexicon_load(void);
/* The lists a document of lang uses ("und" and languages without lists
 * use English), as a small number for the two lookups below. */
int ngi_quote_lang_id(const char *lang);
/* Flags (NGI_QW_*) of a folded word in the lists of lang_id. */
unsigned ngi_quote_word(int lang_id, const char *norm, size_t len);
/* 0 when the folded word is surely neither a speech verb (NGI_QW_VERB or
 * NGI_QW_INDIRECT) nor the first word of a cue phrase of lang_id: a cheap
 * test (no hashing) that lets scans skip most words. */
int ngi_quote_maybe_speech(int lang_id, const char *norm, size_t len);
/* 1 when lang has its own lists (or is "und", read with English). */
int ngi_quote_lang_listed(const char *lang);
/* The cue phrase starting at token i of d, if any: returns the number of
 * tokens it takes (0 when none) and its NGI_QC_* flags. */
size_t ngi_quote_cue_at(const ngi_doc *d, int lang_id, size_t i,
			unsigned *flags);

/* ---- quote_marks.c ------------------------------------------------------*/
typedef struct ngi_qpiece {
	uint32_t open, start, end, close; /* mark, words, words end, mark end */
	uint32_t para;                    /* paragraph index */
	uint8_t dash;      /* a dash-dialogue piece */
	uint8_t cont;      /* continues the previous piece (next paragraph
			      reopened, or the next speech part of a dash line) */
	uint8_t unclosed;  /* ended at a paragraph end without its mark */
	uint8_t single;    /* between single marks (' ‘ ’ ‚ ‹ ›) */
} ngi_qpiece;

/* The outermost quoted spans of text (valid UTF-8), in text order, at
 * most max of them, into an array in a. Linear in len. */
ng_status ngi_quote_marks_find(const char *text, size_t len, size_t max,
			       ngi_arena *a, ngi_qpiece **out, size_t *n);

/* ---- quote_speakers.c ---------------------------------------------------*/
/* Groups the pieces, finds cues and speakers, adds indirect speech: the
 * quotes in text order (byte offsets; cp offsets and first_piece are
 * filled by the caller), at most NGI_QUOTES_MAX. */
ng_status ngi_quote_attribute(const ngi_doc *doc, const ngi_mention *m,
			      size_t nm, const ngi_qpiece *p, size_t np,
			      ngi_arena *a, ngi_quote **out, size_t *n);

#endif
