/*
 * read.h: bytes -> records, the first stage of the pipeline.
 *
 * A reader walks files, directories (recursively, entries in byte order of
 * their names, hidden entries skipped) and "-" for stdin, plain or gzip,
 * decides per file whether it holds JSON Lines (extension .jsonl/.ndjson,
 * or a first non-blank byte '{' on a line that parses as a JSON object), a
 * WARC web archive, an RSS/Atom feed, an HTML page or one plain-text
 * article (walk.c; docs/READING.md), and hands each record to a callback. Bad input never stops the walk: each
 * problem becomes a diagnostic naming file, record (line) and byte offset, and
 * the good records still come out.
 *
 * Text files: the record id is the file's base name without extension
 * ("000_58e73d3533bae044"). Leading metadata is sniffed and removed from the
 * text: "date 2024-10-27 (MENAFN) ..." (published + outlet), "date 2024-11-11
 * 11.49 - lunedì 11 novembre 2024", a dateline "MOSCOW, November 11. /TASS/."
 * (outlet; a month/day whose year comes from elsewhere), and a short first
 * line without final punctuation taken as the title.
 *
 * JSONL: {"id","url","title","text","published","outlet","lang"}, all but
 * text optional; id defaults to "<basename>:<line>".
 *
 * Pages (HTML files, WARC responses, feed items' HTML) go through the HTML
 * extractor (html.h). A WARC record's id is its target URI, record_no the
 * WARC record's number, offset its gzip member's offset in the compressed
 * file; a feed item's id is its guid/id, else its link.
 *
 * Ownership: the record and all its strings live in an arena owned by the
 * reader and are valid only during the callback. Text is valid UTF-8 (bad
 * bytes replaced by U+FFFD and counted in invalid_utf8), NUL-terminated.
 */
#ifndef NG_READ_H
#define NG_READ_H

#include "../base/base.h"

/* Where the publication date came from. Numbers are stored in the database. */
typedef enum ngi_pub_source {
	NGI_PUB_NONE = 0,     /* unknown */
	NGI_PUB_METADATA = 1, /* a JSONL field or a caller's record */
	NGI_PUB_HEADER = 2,   /* a leading "date ..." line in a text file */
	NGI_PUB_DATELINE = 3, /* a dateline: month and day, year inferred */
	NGI_PUB_TEXT = 4,     /* found in the body (later issues) */
	NGI_PUB_OVERRIDE = 5, /* given on the command line */
	NGI_PUB_CRAWL = 6     /* when the page was fetched (WARC-Date): only
				 when the page gives no date itself */
} ngi_pub_source;

const char *ngi_pub_source_name(ngi_pub_source s);

typedef struct ngi_record {
	const char *source;   /* path as given, or "-" */
	long long record_no;  /* 1-based line (JSONL) or 1 (text file) */
	long long offset;     /* byte offset of the record in the source */
	const char *id;
	const char *url;      /* NULL when absent (same for the rest) */
	const char *title;
	const char *outlet;
	const char *lang;     /* a hint from metadata, not detected */
	/* ISO 8601: "2024-10-27", "2024-10-27T11:49:00", or with only month and
	 * day known (dateline) "--11-11" per ISO 8601:2000. */
	const char *published;
	ngi_pub_source published_source;
	const char *text;     /* the body, metadata lines removed */
	size_t text_len;
	size_t invalid_utf8;  /* bytes replaced in this record */
} ngi_record;

/* Returns NG_OK to go on; anything else stops the walk and is returned. */
typedef ng_status (*ngi_record_fn)(void *ctx, const ngi_record *r);

typedef struct ngi_read_stats {
	long long files;
	long long records;      /* records handed to the callback */
	long long failed;       /* records or files rejected with a diagnostic */
	/* records passed over on purpose, not errors: WARC records that are
	 * not responses (request, metadata, warcinfo, revisit ...), responses
	 * that are not a web page (images, PDFs) or not a success (2xx) */
	long long skipped;
	long long bytes;
	long long invalid_utf8;
	/* bytes of input read so far (compressed bytes of gzip files), kept
	 * up to date as records come out: progress reports read it from the
	 * record callback */
	long long position;
} ngi_read_stats;

/* Caps, so hostile input fails cleanly. */
#define NGI_READ_MAX_FILE ((size_t)256 << 20)   /* one text file or stdin */
#define NGI_READ_MAX_LINE ((size_t)64 << 20)    /* one JSONL line */

/* Walks path and calls fn for every record. Returns NG_OK when all input was
 * good, NG_ERR_INPUT when something was bad (reported, rest delivered), or
 * the callback's status / NG_ERR_NOMEM when the walk had to stop. A missing
 * path is a diagnostic and NG_ERR_INPUT. */
ng_status ngi_read_path(const char *path, ngi_record_fn fn, void *ctx,
			ngi_diag_sink *diag, ngi_read_stats *stats);

/* ---- for the distributed ingest (src/dist/, docs/SCALE.md) ----------------
 * The input is cut into pieces read by different processes, in the order
 * and with the records, numbers, offsets and diagnostics ngi_read_path
 * gives. */

/* Returns NG_OK to go on; anything else stops the walk and is returned. */
typedef ng_status (*ngi_file_fn)(void *ctx, const char *path);

/* Walks path as ngi_read_path does (the same files, in the same order,
 * the same diagnostics for what cannot be walked), handing each file to
 * fn instead of reading it. */
ng_status ngi_read_list(const char *path, ngi_file_fn fn, void *ctx,
			ngi_diag_sink *diag, ngi_read_stats *stats);

/* Whether ngi_read_path would read path as plain (not gzip) JSON Lines
 * that is not binary: then byte ranges of it can be read apart. */
int ngi_read_splittable(const char *path);

/* The records of a splittable file (above) whose lines start in bytes
 * [start, end): the line that start cuts belongs to the range before.
 * newlines_before is the number of newlines in bytes [0, start), so that
 * line numbers (and the ids made of them) are those of the whole file.
 * The file is counted in stats->files by its range at 0. The checks of a
 * whole file (binary, empty) are the splitting's: ngi_read_splittable. */
ng_status ngi_read_jsonl_range(const char *path, long long start,
			       long long end, long long newlines_before,
			       ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			       ngi_read_stats *stats);

/* Reads bytes held in memory as ngi_read_path reads one file: any format
 * it sniffs (JSON Lines, a JSON document, text, HTML, feed, WARC; gzip or
 * not), name standing for the file in ids and diagnostics. Empty input is
 * one reported error. Returns as ngi_read_path. */
ng_status ngi_read_bytes(const char *name, const void *bytes, size_t len,
			 ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			 ngi_read_stats *stats);

/* Parses one plain-text article already in memory (used by ngi_read_path and
 * by tests). name is the path used for the id and diagnostics. */
ng_status ngi_read_text_article(const char *name, const char *bytes,
				size_t len, ngi_record_fn fn, void *ctx,
				ngi_diag_sink *diag, ngi_read_stats *stats);

/* Parses JSON Lines from memory (tests, callers holding bytes); the same
 * rules as ngi_read_path, which streams files line by line instead. */
ng_status ngi_read_jsonl(const char *name, const char *bytes, size_t len,
			 ngi_record_fn fn, void *ctx, ngi_diag_sink *diag,
			 ngi_read_stats *stats);

#endif
