/*
 * fuzz.h: what the libFuzzer targets (fuzz/fuzz_*.c) share: a
 * diagnostics sink and a record callback that read every byte they are
 * given and check the readers' promises (records are valid UTF-8, NUL at
 * text_len, a diagnostic names its file and says something), a language
 * chosen by one input byte, and a copy of the input with a NUL after it.
 * A broken promise aborts, which libFuzzer reports as a crash with the
 * input that caused it. docs/RELIABILITY.md, "Fuzzing (issue 15)".
 */
#ifndef NG_FUZZ_H
#define NG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/utf8.h"
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a target builds once per process (lexicons, databases) it builds
 * in LLVMFuzzerInitialize, which libFuzzer calls before the first input
 * and outside -timeout: built in the first input instead, the seconds it
 * takes (1.4 s for the entity lexicon under ASan, ten times that niced on
 * a loaded machine) are charged to whatever input a fresh process runs
 * first, and -fork=1 starts a fresh process for every job. That made the
 * "timeouts" of 6 to 9 bytes of docs/RELIABILITY.md, "Fuzzing timeouts".
 * The tables the library builds once on first use (the places of the
 * entity lexicon: 0.9 s) are built there too, by fuzz_warm_up. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Runs the target once on an English sentence with a name, a place, a
 * date and a quote (language byte 1, then the text: the input of the
 * extractor and pivot targets), so the first real input finds every table
 * built. */
static inline void fuzz_warm_up(void)
{
	static const char warm[] = "\001Chancellor Olaf Scholz said in Berlin on "
				   "Tuesday, 5 November 2024: \xe2\x80\x9cWe will "
				   "go on talking.\xe2\x80\x9d The coalition denied it.";
	LLVMFuzzerTestOneInput((const uint8_t *)warm, sizeof warm - 1);
}

/* Stops the run with a message when a promise does not hold. */
#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: promise broken: %s\n",        \
				__FILE__, __LINE__, #cond);                   \
			abort();                                              \
		}                                                             \
	} while (0)

/* A string of n bytes that must be valid UTF-8 with nothing after a NUL
 * at n (strlen may be shorter: JSON strings may hold U+0000). */
static inline void fuzz_check_text(const char *s, size_t n)
{
	if (!s)
		return;
	FUZZ_CHECK(s[n] == '\0');
	FUZZ_CHECK(ngi_utf8_valid_prefix(s, n) == n);
}

static inline void fuzz_check_str(const char *s)
{
	if (s)
		fuzz_check_text(s, strlen(s));
}

static inline void fuzz_on_diag(void *ctx, const ng_diag *d)
{
	FUZZ_CHECK(d->message && d->message[0]);
	(void)strlen(d->message);
	if (d->file)
		(void)strlen(d->file);
	FUZZ_CHECK(d->severity == NG_DIAG_WARNING || d->severity == NG_DIAG_ERROR);
}

static inline void fuzz_diag_init(ngi_diag_sink *s)
{
	memset(s, 0, sizeof *s);
	s->fn = fuzz_on_diag;
}

/* The record callback of the readers: every field read, the text's
 * promises checked. */
static inline ng_status fuzz_on_record(void *ctx, const ngi_record *r)
{
	FUZZ_CHECK(r->id && r->id[0]);
	FUZZ_CHECK(r->text);
	fuzz_check_text(r->text, r->text_len);
	fuzz_check_str(r->title);
	fuzz_check_str(r->url);
	fuzz_check_str(r->outlet);
	fuzz_check_str(r->lang);
	fuzz_check_str(r->published);
	(void)strlen(r->id);
	(void)strlen(r->source);
	if (ctx)
		(*(long long *)ctx)++;
	return NG_OK;
}

/* Languages the extractors have rules for, and NULL (detect). */
static const char *const fuzz_langs[] = {
	NULL, "en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl",
	"cs", "sk", "sl", "hr", "sr", "bg", "mk", "tr", "ar", "ja", "zh",
	"sv", "da", "no", "fi", "hu", "el", "he", "hi", "id", "und"};

/* The language byte b picks (the first byte of the input, usually). */
static inline const char *fuzz_lang(uint8_t b)
{
	return fuzz_langs[b % (sizeof fuzz_langs / sizeof fuzz_langs[0])];
}

/* A malloc'd copy of data with a NUL after it (the input itself has
 * none), or NULL. */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s) {
		if (size)
			memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* Valid UTF-8, NUL-terminated, from any bytes, as the readers hand text
 * to the later stages: the bytes repaired (bad bytes and NULs become
 * U+FFFD) into b, which the caller frees. NULL when memory ran out. */
static inline const char *fuzz_utf8(const uint8_t *data, size_t size,
				    ngi_buf *b, size_t *len)
{
	ngi_buf_init(b, 0);
	if (ngi_utf8_repair((const char *)data, size, b, NULL) == (size_t)-1)
		return NULL;
	if (ngi_buf_reserve(b, 1))
		return NULL;
	b->data[b->len] = '\0';
	*len = b->len;
	return b->data;
}

#endif
