/*
 * params.h: the HTTP server's checks of what a request carries, as pure
 * functions (no libmicrohttpd, no engine) so tests/test_serve.c can test
 * them on tables: URL unescaping that turns %00 into a byte no UTF-8 text
 * holds (so the UTF-8 gate refuses it), whole numbers in a range, ISO dates
 * for the filters, language codes, paging (page/offset/limit with a hard
 * maximum), and the route's numbered path segments. Each check returns
 * NULL when the value is good, else a message for a 400 answer written into
 * the caller's buffer.
 */
#ifndef NG_SERVE_PARAMS_H
#define NG_SERVE_PARAMS_H

#include <stddef.h>

/* The longest list page (limit) any endpoint gives, and the default. */
#define NGS_MAX_LIMIT 1000
#define NGS_DEFAULT_LIMIT 50

/* Decodes %XX escapes of s in place (a '%' not followed by two hex digits
 * stays as it is) and returns the new length. %00 becomes the byte 0xFF,
 * which is never valid UTF-8, so ngs_text_ok refuses the value instead of
 * letting a NUL cut it short. */
size_t ngs_unescape(char *s);

/* Whether s (n bytes) is valid UTF-8 without NUL bytes. */
int ngs_text_ok(const char *s, size_t n);

/* value, when not NULL, must be a whole decimal number in [lo, hi]: *out
 * gets it. NULL value leaves *out as it was. */
const char *ngs_param_int(const char *name, const char *value, long long lo,
			  long long hi, long long *out, char *msg, size_t cap);

/* value, when not NULL, must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD
 * with a real month and day. */
const char *ngs_param_date(const char *name, const char *value, char *msg,
			   size_t cap);

/* value, when not NULL, must be a language code: 2 or 3 lower-case ASCII
 * letters ("de", "und"). */
const char *ngs_param_lang(const char *name, const char *value, char *msg,
			   size_t cap);

/* value, when not NULL, must be 0 or 1 (also "true"/"false"); *out. */
const char *ngs_param_bool(const char *name, const char *value, int *out,
			   char *msg, size_t cap);

typedef struct ngs_paging {
	long long offset;
	long long limit;
} ngs_paging;

/* From the page (1-based), offset and limit parameters (each may be NULL):
 * limit 1..NGS_MAX_LIMIT (default NGS_DEFAULT_LIMIT), offset >= 0 or page
 * >= 1 (offset = (page - 1) * limit), not both. */
const char *ngs_paging_parse(const char *page, const char *offset,
			     const char *limit, ngs_paging *out, char *msg,
			     size_t cap);

/* Matches path against pattern, whose segments are literal or "{n}" (a
 * whole number >= 1, stored in nums in order; at most 2) or "{*}" (the rest
 * of the path, at least one byte: *rest). Returns 1 on a match, 0 when the
 * path does not have the pattern's shape, -1 when it does but a "{n}" is not
 * a number of 1 or more (a 400). */
int ngs_route_match(const char *pattern, const char *path, long long *nums,
		    const char **rest);

#endif
