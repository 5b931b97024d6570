/*
 * read_int.h: what the files of src/read share and nobody else needs.
 *
 * walk.c finds the files and picks a format, gz.c undoes gzip member by
 * member, lines.c streams capped lines (and blocks) out of it and holds the
 * input checks every format applies (binary sniffing, UTF-8 repair),
 * jsonl.c turns lines into records, text_article.c one plain-text file
 * into a record, warc.c and http.c web archives into pages, page.c one
 * page into a record, feed_read.c (over feed.c) a feed's items into
 * records.
 */
#ifndef NG_READ_INT_H
#define NG_READ_INT_H

#include <stdio.h>
#include <zlib.h>

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
	long long file_base;  /* stats->position when the current file began */
	ngi_diag_sink own_diag;
	ngi_read_stats own_stats;
} ngi_read_io;

void ngi_read_io_init(ngi_read_io *io, ngi_record_fn fn, void *ctx,
		      ngi_diag_sink *diag, ngi_read_stats *stats);

/* ---- gz.c -------------------------------------------------------------------
 * A byte source over a FILE: gzip input (magic 1f 8b) is inflated member by
 * member, anything else passed through. Reading stops at each member's end
 * (member_end) until ngi_gz_next_member; offsets are the compressed file's.
 */
typedef struct ngi_gz {
	FILE *f;
	int gzip;                /* the input is gzip */
	z_stream z;              /* next_in/avail_in: the unread input */
	int z_live;
	unsigned char *in;       /* input buffer */
	size_t in_len;           /* bytes in it */
	long long in_base;       /* file offset of in[0] */
	long long member_offset; /* file offset where the current member began */
	long long members;       /* members begun */
	int member_end;          /* the current member is finished */
	int eof;                 /* the FILE has no more bytes */
	int broken;              /* a member failed: ngi_gz_resync */
	int read_error;          /* errno of a failed read */
	const char *error;       /* what was wrong with the member (static) */
	const char *pending;     /* an error to report after the bytes read */
	long long error_offset;
} ngi_gz;

ng_status ngi_gz_open(ngi_gz *g, FILE *f);
/* The bytes of f from where it stands, never inflated (a byte range in
 * the middle of a plain file, whatever its first bytes are); f's
 * descriptor is moved there, whatever f read ahead. */
ng_status ngi_gz_open_plain(ngi_gz *g, FILE *f);
void ngi_gz_close(ngi_gz *g);
/* Up to cap bytes into out. *got == 0: the end of the member (member_end)
 * or of the input. NG_ERR_INPUT: a corrupt or cut member (error says
 * which); NG_ERR_IO: a read error. */
ng_status ngi_gz_read(ngi_gz *g, char *out, size_t cap, size_t *got);
/* After member_end: *more is 1 when another member begins. Bytes after
 * the last member that are not one: NG_ERR_INPUT (error says so). */
ng_status ngi_gz_next_member(ngi_gz *g, int *more);
/* After a broken member: finds the next member header; *more as above. */
ng_status ngi_gz_resync(ngi_gz *g, int *more);
/* Bytes of the FILE consumed so far (compressed bytes for gzip). */
long long ngi_gz_position(const ngi_gz *g);

/* ---- lines.c ---------------------------------------------------------------
 * A line reader over an ngi_gz (a file or stdin, plain or gzip) that never
 * holds more than one line, capped at max_line bytes. The first buffer can
 * be looked at before any line is taken (format and binary sniffing), so
 * stdin needs no rewind. A buffer never holds bytes of two gzip members:
 * with member_stops set the reader reports the end of each member
 * (at_member_end) and waits for ngi_lines_next_member, otherwise it goes on
 * across members as if the file were one stream.
 */
typedef struct ngi_lines {
	ngi_gz *gz;
	int member_stops;     /* stop at member ends (the WARC reader) */
	int at_member_end;    /* stopped at the end of a member */
	int gz_failed;        /* the gzip input was corrupt: gz->error */
	char *chunk;          /* read buffer */
	size_t chunk_size;
	size_t pos, end;      /* unread bytes are chunk[pos..end) */
	long long offset;     /* uncompressed offset of chunk[pos] */
	long long member_u;   /* uncompressed offset where the gzip member of
				 the buffered bytes began */
	int eof;
	int read_error;       /* errno of a failed read, or 0 */
	size_t max_line;
	ngi_buf line;         /* the current line, without its '\n' */
	long long line_offset;/* file offset of the current line */
	long long line_no;    /* 1-based number of the current line */
	size_t line_len;      /* full length, also of a line too long to keep */
} ngi_lines;

ng_status ngi_lines_init(ngi_lines *r, ngi_gz *gz, size_t max_line);
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
/* Takes up to n bytes, appending them to out (NULL: dropped); *got says
 * how many (fewer at the end of a member or of the input). out's cap
 * failing is NG_ERR_TOOBIG with the bytes taken so far counted. */
ng_status ngi_lines_take(ngi_lines *r, size_t n, ngi_buf *out, size_t *got);
/* Puts bytes back in front of the unread ones (the WARC reader's
 * resynchronisation); offset moves back by n. */
ng_status ngi_lines_unread(ngi_lines *r, const char *bytes, size_t n);
/* With member_stops: is the reader at the end of a member (all its bytes
 * taken)? Then ngi_lines_next_member goes on (*more 0: end of input). */
int ngi_lines_member_done(ngi_lines *r);
ng_status ngi_lines_next_member(ngi_lines *r, int *more);
/* After a corrupt gzip member (gz_failed): drops what is buffered and goes
 * on at the next member header (*more 0: none left). */
ng_status ngi_lines_resync(ngi_lines *r, int *more);
/* Bytes of the file consumed so far (compressed bytes for gzip input). */
long long ngi_lines_input_pos(const ngi_lines *r);

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

/* ---- http.c -----------------------------------------------------------------
 * The HTTP response of a WARC response record: status, the headers that
 * matter, and the body decoded (chunks joined, gzip/deflate inflated).
 */
#define NGI_HTTP_MAX_HEAD ((size_t)64 << 10)

typedef struct ngi_http_head {
	int status;
	const char *content_type;      /* NULL when absent (strings in the arena) */
	const char *content_encoding;
	const char *transfer_encoding;
	size_t header_len;             /* status line, headers, blank line */
} ngi_http_head;

/* Reads the status line and headers of p[0..len). NG_ERR_INPUT with *why
 * for bytes that are not an HTTP response. */
ng_status ngi_http_parse_head(const char *p, size_t len, ngi_arena *a,
			      ngi_http_head *h, const char **why);
/* The body as the server meant it: *bytes points into body (nothing to
 * undo) or into out; tmp is scratch. The caps of out and tmp bound the
 * decoded size (NG_ERR_TOOBIG). NG_ERR_INPUT with *why: bad chunks, a
 * corrupt or unsupported encoding. */
ng_status ngi_http_decode_body(const ngi_http_head *h, const char *body,
			       size_t len, ngi_buf *tmp, ngi_buf *out,
			       const char **bytes, size_t *n, const char **why);
/* Is this a web page: an HTML Content-Type, or none and markup first? */
int ngi_http_is_html(const char *content_type, const char *body, size_t len);

/* ---- page.c -----------------------------------------------------------------
 * One web page -> one record through ngi_html_extract (html.h).
 */
typedef struct ngi_page_in {
	const char *source;        /* file, for diagnostics and the record */
	long long record_no;
	long long offset;
	const char *where;         /* put before messages ("gzip member ..: "), or NULL */
	const char *bytes;
	size_t len;
	const char *url;           /* where the page came from, or NULL */
	const char *content_type;  /* the HTTP Content-Type, or NULL */
	const char *id;
	const char *title;         /* when the page has none, or NULL */
	const char *fallback_date; /* when the page gives no date, or NULL */
	ngi_pub_source fallback_source;
} ngi_page_in;

/* Extracts the page and hands its record to io->fn. A page refused or
 * without article text is reported and counted (*verdict = NG_ERR_INPUT);
 * the return value is a status that stops the walk, or NG_OK. */
ng_status ngi_read_page(ngi_read_io *io, ngi_arena *a, const ngi_page_in *in,
			ng_status *verdict);
/* An HTML file (bytes already decompressed): one record, its id the base
 * name without extensions. NG_ERR_INPUT when it was refused (reported). */
ng_status ngi_read_html_file(const char *path, const char *bytes, size_t len,
			     ngi_read_io *io);

/* ---- warc.c -----------------------------------------------------------------
 * WARC/1.0 and 1.1 files, plain or gzip (a member per record, or one stream):
 * each response record holding an HTML page (2xx) becomes a record.
 */
#define NGI_WARC_MAX_HEADER ((size_t)64 << 10)
ng_status ngi_read_warc(const char *name, ngi_lines *r, ngi_read_io *io);

/* ---- feed_read.c --------------------------------------------------------------
 * A feed file (RSS, RDF, Atom; bytes already decompressed) -> one record per
 * item. NG_ERR_INPUT when something was reported. */
ng_status ngi_read_feed(const char *path, const char *bytes, size_t len,
			ngi_read_io *io);

/* ---- jsonl.c ----------------------------------------------------------------
 * Reads JSON Lines from r until its end; name is the path for diagnostics
 * and ids. Counts bytes, records and failures into io->stats. Returns
 * NG_OK, NG_ERR_INPUT (something was reported) or a status that stops the
 * walk (callback, NG_ERR_NOMEM). */
ng_status ngi_read_jsonl_lines(const char *name, ngi_lines *r, ngi_read_io *io);
/* The lines of r (positioned at the start of a line, its offset and
 * line_no set) that start before byte end, as ngi_read_jsonl_lines reads
 * them, without the checks that concern a whole file (binary, empty):
 * one byte range of a file (ngi_read_jsonl_range). */
ng_status ngi_read_jsonl_part(const char *name, ngi_lines *r, ngi_read_io *io,
			      long long end);
/* One JSON document read whole (jsonl.c): an object that is one article
 * (written over several lines), or an array of such objects, record N the
 * Nth element. Each element is judged as a JSON Lines line is. */
ng_status ngi_read_json_document(const char *name, const char *bytes,
				 size_t len, ngi_read_io *io);

/* Does this line hold one JSON object (the sniff for files that are not
 * named .jsonl/.ndjson)? */
int ngi_read_line_is_object(const char *line, size_t len);

#endif
