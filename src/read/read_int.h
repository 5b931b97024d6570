/*
 * read_int.h: what the files of src/read share and nobody else needs.
 *
 * walk.c finds the files and picks a format, lines.c streams capped lines
 * out of a FILE and holds the input checks every format applies (binary
 * sniffing, UTF-8 repair), jsonl.c turns lines into records, and
 * text_article.c turns one plain-text file into a record.
 */
#ifndef NG_READ_INT_H
#define NG_READ_INT_H

#include <stdio.h>

#include "read.h"

/* How much of a file the binary sniff looks at. */
#define NGI_READ_SNIFF_BYTES 8192

/* Stats and diagnostics sinks the entry points fall back on when the caller
 * passes NULL, so the rest of the code never checks. */
typedef struct ngi_read_io {
	ngi_record_fn fn;
	void *ctx;
	ngi_diag_sink *diag;
	ngi_read_stats *stats;
	ngi_diag_sink own_diag;
	ngi_read_stats own_stats;
} ngi_read_io;

void ngi_read_io_init(ngi_read_io *io, ngi_record_fn fn, void *ctx,
		      ngi_diag_sink *diag, ngi_read_stats *stats);

/* ---- lines.c ---------------------------------------------------------------
 * A line reader over a FILE (a file or stdin) that never holds more than one
 * line, capped at max_line bytes. The first buffer can be looked at before
 * any line is taken (format and binary sniffing), so stdin needs no rewind.
 */
typedef struct ngi_lines {
	FILE *f;
	char *chunk;          /* read buffer */
	size_t pos, end;      /* unread bytes are chunk[pos..end) */
	long long offset;     /* file offset of chunk[pos] */
	int eof;
	int read_error;       /* errno of a failed read, or 0 */
	size_t max_line;
	ngi_buf line;         /* the current line, without its '\n' */
	long long line_offset;/* file offset of the current line */
	long long line_no;    /* 1-based number of the current line */
	size_t line_len;      /* full length, also of a line too long to keep */
} ngi_lines;

ng_status ngi_lines_init(ngi_lines *r, FILE *f, size_t max_line);
void ngi_lines_free(ngi_lines *r);
/* Fills the first buffer if needed and points *bytes at what is buffered
 * (at most one buffer, fewer at the end of the input). */
ng_status ngi_lines_peek(ngi_lines *r, const char **bytes, size_t *n);
/* Takes the next line. *got is 0 at the end of the input. Returns NG_OK,
 * NG_ERR_TOOBIG for a line past max_line (it was skipped: line_no,
 * line_offset and line_len describe it, line is empty), NG_ERR_IO for a
 * read error (read_error says which) or NG_ERR_NOMEM. */
ng_status ngi_lines_next(ngi_lines *r, int *got);
/* Appends everything not yet taken (buffered and still in the FILE) to
 * out, which has its own cap. */
ng_status ngi_lines_rest(ngi_lines *r, ngi_buf *out);

/* Is this sample (the first NGI_READ_SNIFF_BYTES of a file, or all of it
 * when complete is set) binary: NULs in more than 1% of its bytes, or more
 * than 30% of its bytes not valid UTF-8? *first_bad is the offset of the
 * first NUL or invalid byte. */
int ngi_read_looks_binary(const char *s, size_t n, int complete,
			  size_t *first_bad);

/* Repairs s into out (cleared first) when it is not valid UTF-8. Returns
 * the number of replacements (0: s is valid and out is untouched) or
 * (size_t)-1 when out ran out of room. */
size_t ngi_read_repair(const char *s, size_t len, ngi_buf *out,
		       size_t *first_bad);

/* The final component of a path ("-" gives "stdin"). */
const char *ngi_read_basename(const char *path);

/* ---- jsonl.c ----------------------------------------------------------------
 * Reads JSON Lines from r until its end; name is the path for diagnostics
 * and ids. Counts bytes, records and failures into io->stats. Returns
 * NG_OK, NG_ERR_INPUT (something was reported) or a status that stops the
 * walk (callback, NG_ERR_NOMEM). */
ng_status ngi_read_jsonl_lines(const char *name, ngi_lines *r, ngi_read_io *io);

/* Does this line hold one JSON object (the sniff for files that are not
 * named .jsonl/.ndjson)? */
int ngi_read_line_is_object(const char *line, size_t len);

#endif
