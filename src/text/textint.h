/*
 * textint.h: the private interface between the files of src/text.
 *
 * text.h is what the rest of newsgraph sees; this header is how the pieces
 * behind it talk to each other: the code-point decoder and character classes
 * the tokenizer and sentence splitter share, the tokenizer itself, the
 * sentence splitter, the stemmer set an ngi_text_ctx owns, and the stopword
 * tables (exposed so the tests can check they are sorted). Nothing here is
 * meant for other stages.
 */
#ifndef NG_TEXTINT_H
#define NG_TEXTINT_H

#include "text.h"

/* Folded norms and stems are computed from at most this many bytes of a
 * token (cut at a code-point boundary), so a 1 MB "word" costs no more than
 * a long one and norm_len/stem_len always fit their uint16. start/end still
 * cover the whole token. */
#define NGI_TEXT_MAX_NORM_INPUT 256
#define NGI_TEXT_MAX_NORM 4096

/* Decodes one code point of UTF-8 at s (n > 0 bytes left). Valid input is
 * assumed, but bad bytes never read past s + n: they decode as U+FFFD, one
 * byte each. Returns the byte length (1..4). */
static inline int ngi_text_decode(const unsigned char *s, size_t n,
				  int32_t *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		int32_t v = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) |
				      (s[2] & 0x3F));
		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
			*cp = v;
			return 3;
		}
	}
	if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		int32_t v = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
				      ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
		if (v >= 0x10000 && v <= 0x10FFFF) {
			*cp = v;
			return 4;
		}
	}
	*cp = 0xFFFD;
	return 1;
}

/* Length of the longest prefix of s[0..n) that is at most max bytes and
 * does not cut a code point. */
size_t ngi_text_cut(const char *s, size_t n, size_t max);

/* ---- character classes (tokenize.c) -------------------------------------- */
typedef enum ngi_char_class {
	NGI_CH_SPACE = 0,  /* separators, controls; format chars between words */
	NGI_CH_UPPER,      /* Lu, Lt */
	NGI_CH_LETTER,     /* Ll, Lm, Lo, Nl, No */
	NGI_CH_MARK,       /* Mn, Mc, Me */
	NGI_CH_DIGIT,      /* Nd */
	NGI_CH_FORMAT,     /* Cf: ZWJ, ZWNJ, soft hyphen (kept inside words) */
	NGI_CH_OTHER       /* punctuation, symbols, everything else */
} ngi_char_class;

ngi_char_class ngi_text_char_class(int32_t cp);

/* Is cp a lowercase letter (Ll)? Used to tell a continuing sentence. */
int ngi_text_is_lower(int32_t cp);

/* Is cp a letter of a script written without spaces between words? 0: no;
 * NGI_KATAKANA: Katakana (loanwords and foreign names, one word a run);
 * 1: Han, Hiragana, Thai, Lao, Khmer, Myanmar (runs cut by the segmenter). */
#define NGI_KATAKANA 2
int ngi_text_unspaced(int32_t cp);

/* ---- tokenizer (tokenize.c) ------------------------------------------------
 * Finds the next token at or after *pos; fills start, end, kind and
 * capitalised (the rest of *tok is left alone) and moves *pos past it.
 * Returns 0 when no token is left, 2 when the token is a run of letters of
 * an unspaced script (a phrase, to be cut into words by the segmenter),
 * 1 for any other token. */
int ngi_text_next_token(const char *text, size_t len, size_t *pos,
			ngi_token *tok);

/* ---- segmenter (segment.c) -------------------------------------------------
 * Cuts a run of an unspaced script into words with ICU's dictionary-based
 * word break iterator. One per ngi_text_ctx (ICU's iterator is not
 * thread-safe), opened on the first such run, so text without one never
 * touches ICU. */
typedef struct ngi_segmenter ngi_segmenter;

/* NULL when out of memory or when ICU has no word break rules; the caller
 * then keeps the run as one word. */
ngi_segmenter *ngi_segmenter_new(void);
void ngi_segmenter_free(ngi_segmenter *s);

/* Starts cutting run (len bytes of valid UTF-8, the text of one token the
 * tokenizer returned 2 for). The run is borrowed until the last call of
 * ngi_segmenter_next. */
void ngi_segmenter_set(ngi_segmenter *s, const char *run, size_t len);

/* The next word of the run: its byte offsets relative to the run's start
 * in *start and *end, and whether ICU calls it a number. Returns 0 when
 * the run is done. The words cover the run, in order, without gaps. */
int ngi_segmenter_next(ngi_segmenter *s, size_t *start, size_t *end,
		       int *number);

/* ---- sentences (sentences.c) ------------------------------------------------
 * Sets tok[i].sentence for the n tokens of text (norms and stopword flags
 * filled in, in text order) and returns the number of sentences (0 when
 * n == 0). lang is the document's ISO 639-1 code or "und"; it picks the
 * abbreviation list and whether "16. BRICS-Gipfel" reads as an ordinal. */
size_t ngi_text_sentences(const char *text, size_t len, const char *lang,
			  ngi_token *tok, size_t n);

/* ---- stemmers (stem.c) ------------------------------------------------------
 * A set of Snowball stemmers, one per language, created on first use, with a
 * bounded memo of recent (word -> stem) results: news vocabulary repeats, and
 * a hash probe is far cheaper than a Snowball run. Not thread-safe. */
typedef struct ngi_stemmer_set ngi_stemmer_set;

ngi_stemmer_set *ngi_stemmer_set_new(void);
void ngi_stemmer_set_free(ngi_stemmer_set *s);

/* Selects the stemmer for lang for the following ngi_stemmer_stem calls.
 * Returns 1 when lang has one, 0 when not (stems are then the norms), and
 * -1 on out-of-memory. */
int ngi_stemmer_select(ngi_stemmer_set *s, const char *lang);

/* Stems norm (len bytes, folded) with the selected stemmer; the stem is
 * copied into a (or *out is set to norm itself when unchanged). Returns
 * NG_OK or NG_ERR_NOMEM. */
ng_status ngi_stemmer_stem(ngi_stemmer_set *s, const char *norm, size_t len,
			   ngi_arena *a, const char **out, size_t *out_len);

/* ---- stopwords (stopwords.c) ------------------------------------------------
 * The sorted list of lang (NULL when none); *n gets its length. */
const char *const *ngi_stopword_list(const char *lang, size_t *n);
/* The i-th language that has a list (NULL past the end). */
const char *ngi_stopword_lang(size_t i);

#endif
