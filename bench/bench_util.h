/*
 * bench_util.h: what the single-stage benchmarks share: a monotonic clock,
 * reading a whole file, and cutting a text into article-sized documents.
 * Header-only (static inline): every .c file in bench/ is its own program.
 */
#ifndef NG_BENCH_UTIL_H
#define NG_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"

#define BENCH_DOC_BYTES 3000 /* about a news article */

static inline double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file, or NULL; the caller frees it. */
static inline char *bench_read_all(const char *path, size_t *len)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ngi_diag_sink sink = {NULL, NULL, 0, 0};
	if (ngi_read_file(path, 0, &b, &sink) != NG_OK)
		return NULL;
	*len = b.len;
	return ngi_buf_steal(&b);
}

/* Cuts text into documents at blank lines, each about BENCH_DOC_BYTES
 * long: document i is [starts[i], starts[i + 1]). Returns how many (0 when
 * out of memory); the caller frees *starts_out. */
static inline size_t bench_split(const char *text, size_t len,
				 size_t **starts_out)
{
	size_t cap = len / BENCH_DOC_BYTES + 2, n = 0;
	size_t *starts = malloc((cap + 1) * sizeof(*starts));
	if (!starts)
		return 0;
	size_t at = 0;
	while (at < len && n < cap) {
		starts[n++] = at;
		size_t next = at + BENCH_DOC_BYTES;
		if (next >= len) {
			at = len;
			break;
		}
		const char *blank = strstr(text + next, "\n\n");
		at = blank ? (size_t)(blank - text) + 2 : len;
	}
	starts[n] = len;
	*starts_out = starts;
	return n;
}

/* The documents of path (bench_split), announced on stdout; 0 and a message
 * naming prog on stderr when the file cannot be read or split. The caller
 * frees *text and *starts. */
static inline size_t bench_load_docs(const char *prog, const char *path,
				     char **text, size_t **starts)
{
	size_t len;
	*text = bench_read_all(path, &len);
	if (!*text) {
		fprintf(stderr, "%s: cannot read %s\n", prog, path);
		return 0;
	}
	size_t n = bench_split(*text, len, starts);
	if (n == 0) {
		fprintf(stderr, "%s: out of memory splitting %s\n", prog, path);
		free(*text);
		return 0;
	}
	printf("%s: %.1f MB in %zu documents\n", path, (double)len / 1e6, n);
	return n;
}

#endif
