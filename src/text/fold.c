/*
 * fold.c: the normalised form of a token, Unicode NFKC plus case folding.
 *
 * ngi_text_analyze folds every token after the tokenizer has cut it, so the
 * rest of the pipeline can compare "Straße" with "STRASSE" and "Ｐｕｔｉｎ"
 * with "Putin". Pure ASCII, most of the bytes of most news, is lowercased
 * directly; anything else goes through utf8proc, decomposed into a buffer on
 * the stack (no malloc for any ordinary token) and re-encoded in place.
 */
#include "textint.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_OPTIONS                                                           \
	(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |                \
	 UTF8PROC_CASEFOLD)

/* Code points a token of NGI_TEXT_MAX_NORM_INPUT bytes can decompose into
 * in the common case; longer strings use the heap. */
#define FOLD_STACK_CPS 1024

size_t ngi_text_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	size_t cut = max;
	/* Back up over continuation bytes to the start of a code point. */
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	return cut;
}

static char *fold_ascii(const char *s, size_t len, ngi_arena *a,
			size_t *out_len)
{
	char *p = ngi_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		p[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	p[len] = '\0';
	*out_len = len;
	return p;
}

char *ngi_text_fold(const char *s, size_t len, ngi_arena *a, size_t *out_len)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	if (i == len)
		return fold_ascii(s, len, a, out_len);

	utf8proc_int32_t stack[FOLD_STACK_CPS + 1];
	utf8proc_int32_t *buf = stack;
	utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s,
						(utf8proc_ssize_t)len, buf,
						FOLD_STACK_CPS, FOLD_OPTIONS);
	if (n > FOLD_STACK_CPS) {
		/* +1: utf8proc_reencode needs one spare byte for its NUL. */
		buf = malloc(((size_t)n + 1) * sizeof(*buf));
		if (!buf)
			return NULL;
		n = utf8proc_decompose((const utf8proc_uint8_t *)s,
				       (utf8proc_ssize_t)len, buf, n,
				       FOLD_OPTIONS);
	}
	if (n < 0) {
		/* Not valid UTF-8 after all (the contract says it is, but a
		 * fold must never fail on bytes): keep them, ASCII-lowered. */
		if (buf != stack)
			free(buf);
		return fold_ascii(s, len, a, out_len);
	}
	utf8proc_ssize_t m = utf8proc_reencode(buf, n, FOLD_OPTIONS);
	char *p = NULL;
	if (m >= 0) {
		p = ngi_arena_strndup(a, (const char *)buf, (size_t)m);
		if (p)
			*out_len = (size_t)m;
	} else {
		p = fold_ascii(s, len, a, out_len);
	}
	if (buf != stack)
		free(buf);
	return p;
}
