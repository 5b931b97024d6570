/*
 * segment.c: words of the scripts written without spaces (Han, Hiragana,
 * Katakana, Thai, Lao, Khmer, Myanmar), for the tokenizer.
 *
 * tokenize.c hands back a run of such letters as one token; ngi_text_analyze
 * gives it to the segmenter, which cuts it with ICU's word break iterator:
 * dictionary-based for these scripts (ICU's Chinese/Japanese dictionary, and
 * one per South-East Asian script), so "トランプ大統領は" is トランプ 大統領
 * は and "美国总统" is 美国 总统. A Han or kana sequence ICU does not know
 * comes back one character a word. ICU reads the UTF-8 in place (a UText),
 * so the boundaries are byte offsets with no conversion. A run longer than
 * SEG_MAX_CHUNK bytes is cut into chunks at code point boundaries first, so
 * a hostile megabyte of Han costs what many short runs do (a word may be
 * split where a chunk ends). If ICU fails on a chunk, the chunk is one word:
 * no text is ever dropped.
 */
#include "textint.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#define SEG_MAX_CHUNK 4096

struct ngi_segmenter {
	UBreakIterator *brk;
	UText *ut;
	const char *run;
	size_t len;
	size_t chunk_start, chunk_end; /* bytes of the run the iterator holds */
	size_t at;                     /* end of the last word given */
	int chunk_set;                 /* ICU took the chunk */
};

ngi_segmenter *ngi_segmenter_new(void)
{
	ngi_segmenter *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	UErrorCode err = U_ZERO_ERROR;
	s->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
	if (U_SUCCESS(err))
		s->ut = utext_openUTF8(NULL, "", 0, &err);
	if (U_FAILURE(err) || !s->brk || !s->ut) {
		ngi_segmenter_free(s);
		return NULL;
	}
	return s;
}

void ngi_segmenter_free(ngi_segmenter *s)
{
	if (!s)
		return;
	if (s->brk)
		ubrk_close(s->brk);
	if (s->ut)
		utext_close(s->ut);
	free(s);
}

void ngi_segmenter_set(ngi_segmenter *s, const char *run, size_t len)
{
	s->run = run;
	s->len = len;
	s->chunk_start = s->chunk_end = s->at = 0;
	s->chunk_set = 0;
}

/* Gives the iterator the next chunk, from s->at. */
static void next_chunk(ngi_segmenter *s)
{
	size_t n = ngi_text_cut(s->run + s->at, s->len - s->at, SEG_MAX_CHUNK);
	if (n == 0) /* a code point longer than the chunk: cannot happen */
		n = s->len - s->at;
	s->chunk_start = s->at;
	s->chunk_end = s->at + n;
	UErrorCode err = U_ZERO_ERROR;
	s->ut = utext_openUTF8(s->ut, s->run + s->at, (int64_t)n, &err);
	if (U_SUCCESS(err))
		ubrk_setUText(s->brk, s->ut, &err);
	s->chunk_set = U_SUCCESS(err) && ubrk_first(s->brk) == 0;
}

int ngi_segmenter_next(ngi_segmenter *s, size_t *start, size_t *end,
		       int *number)
{
	if (s->at >= s->len)
		return 0;
	if (s->at >= s->chunk_end)
		next_chunk(s);
	size_t boundary = s->chunk_end;
	*number = 0;
	if (s->chunk_set) {
		int32_t b = ubrk_next(s->brk);
		if (b != UBRK_DONE && b > 0 &&
		    s->chunk_start + (size_t)b > s->at &&
		    s->chunk_start + (size_t)b < s->chunk_end)
			boundary = s->chunk_start + (size_t)b;
		int32_t status = ubrk_getRuleStatus(s->brk);
		*number = status >= UBRK_WORD_NUMBER &&
			  status < UBRK_WORD_NUMBER_LIMIT;
	}
	*start = s->at;
	*end = boundary;
	s->at = boundary;
	return 1;
}
