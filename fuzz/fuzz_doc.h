/*
 * fuzz_doc.h: the start the extractor targets share (fuzz_entities.c,
 * fuzz_quotes.c, fuzz_claims.c): the first input byte picks the language
 * hint (fuzz_lang), the rest is the text, repaired to UTF-8 as the readers
 * hand it on, analysed as ingest does; the text and entity contexts are
 * made once per process, before the first input (LLVMFuzzerInitialize,
 * fuzz.h).
 */
#ifndef NG_FUZZ_DOC_H
#define NG_FUZZ_DOC_H

#include "fuzz.h"

#include "extract/entities.h"
#include "text/text.h"

typedef struct fuzz_doc {
	ngi_buf buf;      /* the repaired text */
	ngi_arena arena;  /* the analysis and whatever the target finds */
	const char *text; /* NUL-terminated, len bytes */
	size_t len;
	ngi_doc doc;
} fuzz_doc;

static ngi_text_ctx *fuzz_tc;
static ngi_entity_ctx *fuzz_ec;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (ngi_text_ctx_new(&fuzz_tc) || ngi_entity_ctx_new(&fuzz_ec))
		abort();
	fuzz_warm_up();
	return 0;
}

/* 1 when the input was analysed into f->doc; f is freed with
 * fuzz_doc_free either way. */
static inline int fuzz_doc_analyze(fuzz_doc *f, const uint8_t *data, size_t size)
{
	memset(f, 0, sizeof *f);
	ngi_buf_init(&f->buf, 0);
	ngi_arena_init(&f->arena, 0);
	if (size < 1)
		return 0;
	f->text = fuzz_utf8(data + 1, size - 1, &f->buf, &f->len);
	return f->text && ngi_text_analyze(fuzz_tc, f->text, f->len,
					   fuzz_lang(data[0]), &f->arena,
					   &f->doc) == NG_OK;
}

static inline void fuzz_doc_free(fuzz_doc *f)
{
	ngi_arena_free(&f->arena);
	ngi_buf_free(&f->buf);
}

#endif
