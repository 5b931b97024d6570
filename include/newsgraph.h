/*
 * newsgraph.h: the public API of libnewsgraph, and its manual.
 *
 * newsgraph reads a stream of news articles (plain-text files, JSON Lines)
 * and groups them into stories, finds copies between them, and keeps it all
 * in one SQLite file. Everything hangs off one opaque engine; two engines in
 * one process never touch each other.
 *
 * Ownership, once for the whole API:
 *  - Every object has one pair, ng_x_open/ng_x_close; a close takes NULL.
 *  - Strings passed in are borrowed for the duration of the call only.
 *  - Strings returned as `const char *` belong to the engine and stay valid
 *    until the next call on that engine; copy them to keep them. Strings
 *    read from a cursor belong to the cursor and stay valid until its next
 *    step or its close (see "cursors").
 *  - Reports write through a callback (ng_write_fn) or to a FILE * the
 *    caller owns.
 *
 * Errors: fallible functions return ng_status (NG_OK == 0) and write results
 * through pointers, untouched on failure. ng_errmsg(engine) gives the detail
 * of the last failure. Problems in the input (bad bytes, malformed records)
 * are reported through the diagnostics callback with file, record and byte
 * offset; the good records still go in. Out-of-memory returns NG_ERR_NOMEM,
 * it never aborts.
 *
 * Determinism: for the same input in the same order, results are the same
 * whatever the thread count.
 *
 * ABI, once for the whole API (docs/ABI.md): a program built against an
 * older header keeps working with a newer library of the same soname.
 *  - Structs the caller fills and hands in (ng_config, ng_record,
 *    ng_analyze_options, ng_extract_options, ng_watch_options) and the ones
 *    it hands in to be filled (ng_ingest_stats, ng_watch_stats) begin with
 *    `size_t size`: the sizeof the caller was compiled with. ng_config_init
 *    sets it; for the others use NG_INGEST_STATS_INIT, NG_RECORD_INIT,
 *    NG_ANALYZE_OPTIONS_INIT, NG_WATCH_OPTIONS_INIT, NG_WATCH_STATS_INIT (or
 *    NG_SIZED_INIT(type)). The library
 *    reads and writes only the bytes that size covers; new fields are only
 *    ever added at the end. size 0 (a struct cleared with `= {0}`) means the
 *    layout of NG_ABI_BASE_VERSION, the first release with sized structs.
 *  - Structs the library fills for the caller in arrays or as one result
 *    (ng_article_info, ng_mention_info, ng_date_info, ng_copy_info, ng_diag)
 *    are frozen: their fields never change. Anything new about an article
 *    comes through a new function (a getter or a cursor column).
 *  - Enum values never change; new ones are added at the end.
 *  - The exported symbols are listed in abi/libnewsgraph.symbols and checked
 *    by `make test`; removing one or changing a signature or frozen layout
 *    changes the soname.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(NG_BUILDING_LIBRARY)
#define NG_API __attribute__((visibility("default")))
#else
#define NG_API
#endif

/* The version of this header, from the VERSION file (the Makefile checks
 * they agree). NG_VERSION_NUMBER is MAJOR * 1000000 + MINOR * 1000 + PATCH.
 * ng_libversion() and ng_libversion_number() give the library's at run
 * time, which may be newer than the header a program was built with. */
#define NG_VERSION "0.6.0"
#define NG_VERSION_NUMBER 6000
/* The first release whose structs carry their size (see above). */
#define NG_ABI_BASE_VERSION "0.2.0"

/* An initializer for a sized struct: `ng_record r = NG_SIZED_INIT(ng_record);`
 * (NG_RECORD_INIT and friends below say the same). */
#ifdef __cplusplus
#define NG_SIZED_INIT(type)                                                    \
	([] { type x_ = type(); x_.size = sizeof x_; return x_; }())
#else
#define NG_SIZED_INIT(type) {.size = sizeof(type)}
#endif

NG_API const char *ng_libversion(void);
NG_API int ng_libversion_number(void);

/* Status codes. The numbers never change; new codes are added at the end. */
typedef enum ng_status {
	NG_OK = 0,
	NG_ERR_NOMEM = 1,    /* out of memory */
	NG_ERR_IO = 2,       /* a file could not be read or written */
	NG_ERR_INPUT = 3,    /* some input was malformed (see diagnostics) */
	NG_ERR_DB = 4,       /* the SQLite store failed */
	NG_ERR_USAGE = 5,    /* a bad argument */
	NG_ERR_NOTFOUND = 6, /* no such story, article or file */
	NG_ERR_TOOBIG = 7,   /* input past a size cap */
	NG_ERR_INTERNAL = 8, /* a bug: please report it */
	/* not errors: what ng_cursor_step returns when it went well */
	NG_ROW = 100,        /* a row is ready */
	NG_DONE = 101        /* no more rows */
} ng_status;

NG_API const char *ng_status_str(ng_status s);

/* ---- diagnostics ---------------------------------------------------------- */
typedef enum ng_severity { NG_DIAG_WARNING = 0, NG_DIAG_ERROR = 1 } ng_severity;

typedef struct ng_diag {
	ng_severity severity;
	const char *file;   /* path, "-" for stdin, or NULL */
	long long record;   /* 1-based record or line number, 0 if none */
	long long offset;   /* byte offset in the file, -1 if none */
	const char *message;
} ng_diag; /* frozen (see the top) */

/* Called for every warning and error found in the input. NULL sends them to
 * stderr as "newsgraph: FILE:RECORD: offset N: MESSAGE". */
typedef void (*ng_diag_fn)(void *ctx, const ng_diag *d);

/* ---- engine ----------------------------------------------------------------- */
typedef struct ng_engine ng_engine;

/* Where an ng_ingest_path call stands: the counts so far in this call
 * (what was read, not yet what was committed). */
typedef struct ng_progress {
	size_t size;          /* sizeof(ng_progress) of the library: fields
				 past the caller's own struct are not read */
	const char *path;     /* the path given to ng_ingest_path */
	long long files;      /* files opened so far */
	long long records;    /* records read and queued */
	long long failed;     /* records or files rejected */
	long long skipped;    /* passed over on purpose (ng_ingest_stats) */
	long long bytes;      /* input read, as stored (compressed bytes of
				 gzip files), so it can be set against file
				 sizes */
} ng_progress;

typedef void (*ng_progress_fn)(void *ctx, const ng_progress *p);

typedef struct ng_config {
	size_t size;              /* sizeof(ng_config) as compiled: ng_config_init */
	const char *db_path;      /* SQLite file; NULL or ":memory:" = in memory */
	int threads;              /* analysis threads; 0 = number of cores */
	ng_diag_fn on_diag;       /* NULL = stderr */
	void *diag_ctx;
	double story_threshold;   /* similarity to join a story; 0 = default */
	int story_window_days;    /* stories older than this are closed; 0 = default */
	int batch_size;           /* records per transaction; 0 = default */
	/* Nonzero: open an existing store for reading only. Nothing is
	 * written, not even on open, so a reader works on a read-only file or
	 * file system and never waits for an ingest running on the same file
	 * (SQLite's WAL: it sees the batches committed when it started a
	 * query). Queries and reports work; ingest calls return NG_ERR_USAGE.
	 * Opening is quick: no analysis contexts, no link state. */
	int read_only;
	/* Called while ng_ingest_path reads (after records and files, at
	 * most every few milliseconds' worth of records: the callback decides
	 * how often to show anything), NULL = never. For progress displays;
	 * it must not call back into the engine. */
	ng_progress_fn on_progress;
	void *progress_ctx;
	/* 0.6 (docs/RELIABILITY.md, issue 15): checked by ng_ingest_path and
	 * ng_ingest_bytes before each record is queued; nonzero stops the
	 * read there: what was queued is analysed, linked and committed, a
	 * warning names the file, record and offset of the first record not
	 * taken and how many articles the database holds, and the call
	 * returns as if the input had ended (NG_OK, or NG_ERR_INPUT for bad
	 * input met before). Running the same ingest again goes on from there
	 * (the stored records are skipped as unchanged). It may be called from
	 * a signal-driven flag; it must not call back into the engine. NULL:
	 * never stop. */
	int (*should_stop)(void *ctx);
	void *stop_ctx;
} ng_config;

/* Fills *c with the defaults and sets c->size. Always call before setting
 * fields. The macro passes the caller's sizeof, so the library clears only
 * the fields the caller's header knows; bindings that cannot use the macro
 * call ng_config_init_sized with their own struct's size. */
NG_API void ng_config_init_sized(ng_config *c, size_t size);
#define ng_config_init(c) ng_config_init_sized((c), sizeof *(c))

/* Opens the store at c->db_path, creating it unless read_only. One
 * engine at a time may write a file: opening for ingest while another
 * engine (in this process or another) holds the file for writing fails at
 * once with NG_ERR_DB ("another ingest holds the database"), before
 * anything is read or written; readers are never refused. The lock is a
 * lock file beside the database (PATH-lock, docs/STORE.md), released when
 * the engine closes or its process ends. */
NG_API ng_status ng_engine_open(const ng_config *c, ng_engine **out);
/* Flushes pending records (analysed, linked and committed) and closes.
 * Returns NG_OK, or the status of a flush that failed (its records are not
 * stored: the batch was rolled back), or NG_ERR_DB when records were still
 * queued after an earlier database failure had stopped the engine. Since
 * the engine is gone, the reason also goes to the diagnostics callback.
 * Takes NULL (NG_OK). */
NG_API ng_status ng_engine_close(ng_engine *e);
/* Detail of the last failure on this engine ("" if none). */
NG_API const char *ng_errmsg(const ng_engine *e);

/* ---- ingest ----------------------------------------------------------------- */
typedef struct ng_ingest_stats {
	size_t size;              /* sizeof(ng_ingest_stats), or 0: see the top */
	long long files;          /* files opened */
	long long records;        /* records read */
	long long added;          /* new articles stored */
	long long unchanged;      /* records already stored with the same content */
	long long failed;         /* records rejected (see diagnostics) */
	long long bytes;          /* bytes read */
	long long invalid_utf8;   /* invalid bytes replaced by U+FFFD */
	long long warnings;
	long long errors;
	long long moved;          /* earlier articles moved to a story that fits
				     them better, or split off with others
				     into a new one (docs/LINKING.md) */
	long long split;          /* stories split off a story that held two
				     claims (docs/LINKING.md) */
	/* 0.x (docs/READING.md): records passed over on purpose, not errors:
	 * WARC records that are not responses (warcinfo, request, metadata,
	 * revisit ...), responses that are no web page (images, PDFs) or no
	 * success (redirects, 404), feed items without any text */
	long long skipped;
} ng_ingest_stats;

#define NG_INGEST_STATS_INIT NG_SIZED_INIT(ng_ingest_stats)

/* One article as a caller hands it over. Only text is required. */
typedef struct ng_record {
	size_t size;            /* sizeof(ng_record), or 0: see the top */
	const char *id;         /* stable id; NULL = derived from source */
	const char *url;
	const char *title;
	const char *text;       /* UTF-8; invalid bytes are replaced */
	size_t text_len;        /* 0 = strlen(text) */
	const char *published;  /* ISO 8601 date or date-time, or NULL */
	const char *outlet;
	const char *lang;       /* ISO 639-1 hint, or NULL to detect */
} ng_record;

#define NG_RECORD_INIT NG_SIZED_INIT(ng_record)

/* The longest text one record may carry. A longer one is rejected as one
 * bad record (NG_ERR_TOOBIG, reported with file, record and offset); the
 * readers cap a text file at 256 MiB and a JSON line at 64 MiB. Below it every text is analysed and stored, however long and
 * however written (no punctuation, one line): the analysis caps its work
 * per document (entity mentions per document, src/extract/entities.h). */
#define NG_MAX_TEXT_BYTES ((size_t)256 << 20)

/* Reads files, directories (recursively, in name order) or "-" (stdin):
 * plain-text articles, JSON Lines (.jsonl/.ndjson, or sniffed; a UTF-8
 * byte-order mark at the start is skipped), HTML pages, RSS and Atom feeds
 * (one record per item) and WARC web archives (one record per HTML
 * response; other records counted in stats->skipped), any of them
 * gzip-compressed; formats are sniffed from content (docs/READING.md). Records are analysed, linked
 * and stored in batches, one transaction each. Returns NG_OK when
 * everything went in unchanged, NG_ERR_INPUT when some input was bad: a
 * record or file rejected (the rest is stored) or invalid UTF-8 replaced by
 * U+FFFD (the record is stored repaired), each reported with file, record
 * and offset; another error when the run failed. A record that fails on its
 * own (too big, malformed) is one rejected record, never a failed run; a
 * batch whose analysis runs out of memory is a failed run (NG_ERR_NOMEM:
 * the batch rolled back, the engine stopped), so what is stored is always
 * whole batches and running again resumes as one run would. stats may be NULL; counts add up across calls, and count only
 * what was committed: a batch rolled back is not "added".
 *
 * Promises kept (README.md): the same record (id, title and text) ingested
 * twice is stored once, also when its id had been taken by other content
 * and it was stored as "ID~N"; a record with a taken id and new content is
 * stored as the first free "ID~N" with a warning. */
NG_API ng_status ng_ingest_path(ng_engine *e, const char *path,
				ng_ingest_stats *stats);
/* Adds one record; source names it in diagnostics. Queued until the batch
 * fills or ng_ingest_flush is called. NG_ERR_TOOBIG (and a diagnostic) for
 * a text past NG_MAX_TEXT_BYTES; invalid UTF-8 (in the text, title, url or
 * outlet) is repaired with a warning and counted in stats->invalid_utf8,
 * the record is queued (NG_OK). */
NG_API ng_status ng_ingest_record(ng_engine *e, const ng_record *r,
				  const char *source, ng_ingest_stats *stats);
/* Reads records from memory the way ng_ingest_path reads a file (0.5):
 * JSON Lines, one JSON object, a JSON array of objects (each an article
 * as in JSON Lines), a plain-text article, an HTML page, a feed or a WARC
 * archive, gzipped or not, sniffed from the content; name stands for the
 * file in diagnostics and in the articles' source. Queued records are
 * flushed (analysed, linked, committed) before it returns, so on NG_OK or
 * NG_ERR_INPUT everything good is stored. Returns as ng_ingest_path. */
NG_API ng_status ng_ingest_bytes(ng_engine *e, const char *name,
				 const void *bytes, size_t len,
				 ng_ingest_stats *stats);
/* Analyses, links and commits everything queued. A record whose analysis
 * fails on its own is reported through the diagnostics callback, counted
 * in stats->failed and skipped; the rest is committed and the call returns
 * NG_OK. An analysis that runs out of memory fails the batch instead
 * (NG_ERR_NOMEM: nothing of it committed, the engine stopped). */
NG_API ng_status ng_ingest_flush(ng_engine *e, ng_ingest_stats *stats);

/* ---- watch: live feeds (docs/WATCH.md) ------------------------------------------
 * ng_watch_run polls RSS and Atom feeds over HTTP(S), fetches the page of
 * every new item, extracts its article and ingests it as ng_ingest_record
 * would (id and url: the item's link; source in diagnostics: the feed's
 * URL). It is polite: robots.txt is honoured (fetched once per host and
 * kept a day; its Crawl-delay raises the host's delay), one request at a
 * time per host by default, a delay between two requests to one host,
 * conditional GETs (ETag, Last-Modified) so an unchanged feed costs a 304.
 * What it has seen lives in the engine's database (docs/STORE.md: the
 * watch_* tables), so a restart fetches nothing twice: each page's article
 * is committed as soon as it is fetched, and the item is marked then. A
 * failure (a feed or a page that cannot be fetched, a page with no
 * article) is reported through the diagnostics callback naming the feed,
 * the item's number in it and its URL; the good items still go in. */
typedef struct ng_watch_options {
	size_t size;            /* sizeof(ng_watch_options): NG_WATCH_OPTIONS_INIT */
	int once;               /* nonzero: poll every feed once, fetch its new
				   items and return; 0: run until should_stop */
	double interval;        /* seconds between two polls of a feed; 0 = 900 */
	int max_connections;    /* requests at once in all; 0 = 8 */
	int max_per_host;       /* requests at once to one host; 0 = 1 */
	double delay;           /* seconds between two requests to one host;
				   0 = 1; negative = none */
	double timeout;         /* seconds for one whole request; 0 = 30 */
	double connect_timeout; /* seconds to connect; 0 = 10 */
	long long max_bytes;    /* a response past this is stopped and fails;
				   0 = 8 MiB */
	int retries;            /* tries again after a 5xx, a timeout or a
				   network failure, with an exponential
				   back-off from 1 s; 0 = 2; negative = none */
	int max_redirects;      /* 0 = 5 */
	/* Checked several times a second: nonzero ends the run after the
	 * article being stored is committed. NULL: never. */
	int (*should_stop)(void *ctx);
	void *stop_ctx;
	/* One line of progress ("poll URL: 3 new items", "stored URL"), or
	 * NULL for none. */
	void (*on_progress)(void *ctx, const char *line);
	void *progress_ctx;
} ng_watch_options;

#define NG_WATCH_OPTIONS_INIT NG_SIZED_INIT(ng_watch_options)

typedef struct ng_watch_stats {
	size_t size;            /* sizeof(ng_watch_stats): NG_WATCH_STATS_INIT */
	long long polls;        /* feed polls made */
	long long not_modified; /* of them answered 304 Not Modified */
	long long feeds_failed; /* polls that failed (reported) */
	long long items;        /* new items found in the feeds */
	long long stored;       /* pages fetched and ingested */
	long long failed;       /* items that failed (reported) */
	long long disallowed;   /* items robots.txt forbade (reported) */
	long long added;        /* new articles stored */
	long long unchanged;    /* articles already stored with this content */
	long long requests;     /* HTTP requests made, robots.txt and retries
				   included */
} ng_watch_stats;

#define NG_WATCH_STATS_INIT NG_SIZED_INIT(ng_watch_stats)

/* Watches the feeds listed in feeds_path (one http or https URL a line;
 * blank lines and lines starting with '#' are skipped; a bad line is
 * reported with its number). o may be NULL (the defaults: run until
 * stopped, which without should_stop is never). stats, when not NULL,
 * receives the counts of this run. Returns NG_OK when every feed and item
 * went well, NG_ERR_INPUT when some failed (reported; the rest is stored),
 * NG_ERR_USAGE for a read-only engine or a bad option, NG_ERR_IO when
 * feeds_path cannot be read, NG_ERR_DB or NG_ERR_NOMEM when the run had to
 * stop (ng_errmsg). */
NG_API ng_status ng_watch_run(ng_engine *e, const char *feeds_path,
			      const ng_watch_options *o, ng_watch_stats *stats);

/* ---- cursors -------------------------------------------------------------------
 * Everything stored is read through cursors, in SQLite's shape: open a
 * cursor with one of the ng_*_open calls below, call ng_cursor_step until it
 * returns NG_DONE, read each row's columns with the getters, and close it.
 *
 *     ng_cursor *c;
 *     ng_story_filter f = NG_STORY_FILTER_INIT;
 *     f.lang = "de";
 *     f.min_size = 2;
 *     if (ng_stories_open(engine, &f, &c) != NG_OK)
 *             die(ng_errmsg(engine));
 *     ng_status st;
 *     while ((st = ng_cursor_step(c)) == NG_ROW)
 *             printf("%lld %s\n", ng_cursor_column_int64(c, 0),
 *                    ng_cursor_column_text(c, 5));
 *     ng_cursor_close(c);
 *     if (st != NG_DONE)
 *             die(ng_errmsg(engine));  // e.g. "database disk image is malformed"
 *
 * examples/cursor_example.c is a whole program.
 *
 * Rows and columns: every cursor has a fixed list of named columns, given
 * below with each opener (index: name, type). Columns are only ever added at
 * the end, so an index stays valid across versions; ng_cursor_column_name
 * and ng_cursor_column_type let a binding turn any row into a dict without
 * knowing the cursor. Values are NULL, 64-bit integers, doubles or UTF-8
 * text; never blobs. Offsets ("start", "end") are code points into the
 * stored body, "byte_start"/"byte_end" bytes, end exclusive.
 *
 * Ownership: a string returned by a getter belongs to the cursor and stays
 * valid until the next ng_cursor_step or ng_cursor_close on it; copy it to
 * keep it. A cursor belongs to its engine: close every cursor before
 * ng_engine_close, and use an engine and its cursors from one thread at a
 * time. Several cursors may be open on one engine at once.
 *
 * Errors: an opener returns NG_ERR_USAGE for a bad argument (with a
 * message), NG_ERR_NOTFOUND when the story or article named does not exist,
 * NG_ERR_DB when SQLite fails. ng_cursor_step returns NG_ROW (a row is
 * ready), NG_DONE (no more rows), or an error: NG_ERR_DB when SQLite failed
 * (a corrupted file, an I/O error: SQLite's message is in ng_errmsg), or
 * NG_ERR_NOMEM. A read that stops early never looks like NG_DONE. An error
 * ends the cursor: later steps return the same error. A getter that runs out
 * of memory converting a value returns NULL (or 0) and the next step
 * returns NG_ERR_NOMEM, so a missing value is never mistaken for a NULL. */
typedef struct ng_cursor ng_cursor;

/* The type of a column in the current row. */
typedef enum ng_type {
	NG_TYPE_NULL = 0,
	NG_TYPE_INT = 1,    /* read with ng_cursor_column_int64 */
	NG_TYPE_FLOAT = 2,  /* read with ng_cursor_column_double */
	NG_TYPE_TEXT = 3    /* read with ng_cursor_column_text */
} ng_type;

/* NG_ROW, NG_DONE, or an error status (see above). Takes NULL (NG_ERR_USAGE). */
NG_API ng_status ng_cursor_step(ng_cursor *c);
/* Number of columns; the same for every row of a cursor. */
NG_API int ng_cursor_column_count(const ng_cursor *c);
/* Name of column i (0-based), NULL when i is out of range. Valid until
 * ng_cursor_close. */
NG_API const char *ng_cursor_column_name(const ng_cursor *c, int i);
/* Index of the column named name, or -1. */
NG_API int ng_cursor_column_index(const ng_cursor *c, const char *name);
/* Type of column i in the current row (NG_TYPE_NULL out of range or when
 * no row is ready). Ask before reading it as another type: the getters
 * convert (an integer read as text gives its digits), and after a
 * conversion the type is no longer reliable. */
NG_API ng_type ng_cursor_column_type(ng_cursor *c, int i);
/* Value of column i in the current row: text (NULL for a NULL value), its
 * length in bytes, an integer, a double (0 for NULL). */
NG_API const char *ng_cursor_column_text(ng_cursor *c, int i);
NG_API size_t ng_cursor_column_bytes(ng_cursor *c, int i);
NG_API long long ng_cursor_column_int64(ng_cursor *c, int i);
NG_API double ng_cursor_column_double(ng_cursor *c, int i);
/* Ends the cursor and frees it. Takes NULL. */
NG_API void ng_cursor_close(ng_cursor *c);

/* Filters for ng_stories_open. The struct grows at the end in later
 * versions: start from NG_STORY_FILTER_INIT (it sets size, the first field,
 * so the library reads only the fields this program knows) and set what you
 * need. Zero or NULL fields do not filter. */
typedef struct ng_story_filter {
	size_t size;           /* sizeof(ng_story_filter), set by the INIT */
	const char *lang;      /* ISO 639-1: stories with an article in it */
	const char *from, *to; /* ISO dates: stories seen in [from, to] (a
				  story's first_seen <= to and last_seen >=
				  from, compared on the bound's length, so
				  "2024-11" is a month); stories without a
				  full date are left out when either is set */
	long long min_size;    /* at least this many articles */
	const char *text;      /* substring of an article's title or body, or
				  of the story's title; ASCII letters match
				  either case (a scan, not an index: match
				  below is the indexed full-text search) */
	long long limit;       /* at most this many rows; 0 = all */
	long long offset;      /* skip this many rows first (paging) */
	/* 0.5: full-text search (SQLite FTS5 over article titles and bodies,
	 * docs/SEARCH.md): stories with an article that matches. Plain words
	 * must all occur (any form of case and diacritics); "a phrase" in
	 * double quotes; word* a prefix; OR between words; -word excludes.
	 * Anything else is taken as words, so no query is a syntax error. */
	const char *match;
} ng_story_filter;
#define NG_STORY_FILTER_INIT {sizeof(ng_story_filter), NULL, NULL, NULL, 0, NULL, 0, 0, NULL}

/* Stories, largest first, then by number (creation order). f may be NULL.
 * Columns: 0 story (int), 1 size (int: articles), 2 languages (text: ISO
 * 639-1 codes, sorted, comma-separated), 3 first_seen, 4 last_seen (text:
 * ISO 8601, the earliest and latest full publication date of its articles,
 * NULL when none has one), 5 title (text). */
NG_API ng_status ng_stories_open(ng_engine *e, const ng_story_filter *f,
				 ng_cursor **out);
/* Full-text search over article titles and bodies (0.5, docs/SEARCH.md):
 * the articles that match query (the syntax of ng_story_filter.match), best
 * first (SQLite FTS5's bm25 rank, then ingest order), limit rows from
 * offset (limit 0 = all). Columns: 0 article (id), 1 story (int), 2 title,
 * 3 lang, 4 published, 5 snippet (a short extract of the body around the
 * match, the matched words between U+0002 and U+0003 so a caller can mark
 * them after escaping), 6 rank (float, lower is better). An empty query
 * (no words) gives no rows. */
NG_API ng_status ng_search_open(ng_engine *e, const char *query, long long limit,
				long long offset, ng_cursor **out);
/* One story: one row, the columns of ng_stories_open; NG_ERR_NOTFOUND when
 * there is no such story. */
NG_API ng_status ng_story_open(ng_engine *e, long long story, ng_cursor **out);

/* The articles of a story, by publication day (articles without a full date
 * last), then in ingest order. NG_ERR_NOTFOUND when no such story.
 * Columns, the same for every article cursor: 0 id, 1 story (int),
 * 2 title, 3 lang, 4 lang_reliable (int 0/1), 5 published (ISO 8601, or
 * "--MM-DD" when only a month and day are known), 6 published_source
 * ("metadata", "header", "dateline", "text", "override"),
 * 7 published_confidence (float, NULL without a date; see below),
 * 8 outlet, 9 url, 10 source (the file it came from), 11 record (int: line
 * or record number in it), 12 words, 13 sentences (int), 14 ingested (int:
 * 1-based arrival order). */
NG_API ng_status ng_story_articles_open(ng_engine *e, long long story,
					ng_cursor **out);
/* Every article, in ingest order; the article columns. */
NG_API ng_status ng_articles_open(ng_engine *e, ng_cursor **out);
/* One article by id: one row, the article columns; NG_ERR_NOTFOUND. */
NG_API ng_status ng_article_open(ng_engine *e, const char *article_id,
				 ng_cursor **out);

/* Copy edges. An edge says article "copy" took text from article
 * "original"; kind is "exact", "near", "rewrite" or "partial", score in
 * [0,1], why tells why that direction ("earlier_published", "credit",
 * "containment", "family", "earlier_ingested"). Columns of every edge
 * cursor: 0 copy, 1 original (article ids), 2 kind, 3 score (float), 4 why,
 * 5 copy_ingested, 6 original_ingested (int: arrival order of each),
 * 7 copy_day, 8 original_day (int: days since 1970-01-01 of each one's
 * publication date, NULL when its year is unknown). Ordered by
 * copy_ingested, then original_ingested.
 * The edges with an end in story (either end: an edge may join two
 * stories); NG_ERR_NOTFOUND when no such story. */
NG_API ng_status ng_story_copies_open(ng_engine *e, long long story,
				      ng_cursor **out);
/* The edges with an end at one article; NG_ERR_NOTFOUND when no such
 * article. */
NG_API ng_status ng_article_copies_open(ng_engine *e, const char *article_id,
					ng_cursor **out);
/* The evidence of one edge (given by its two article ids): the quotations
 * and aligned passages behind a rewrite or partial edge, in the order they
 * were found (exact and near edges have none). Columns: 0 kind ("quote",
 * "passage"), 1 copy_start, 2 copy_end, 3 original_start, 4 original_end
 * (int: BYTE offsets into each body, end exclusive), 5 score (float),
 * 6 copy_text, 7 original_text (the passages, quoted from both bodies).
 * No rows when there is no such edge. */
NG_API ng_status ng_evidence_open(ng_engine *e, const char *copy_id,
				  const char *original_id, ng_cursor **out);

/* Stories related to a story: other stories that report or answer one of
 * its claims or carry one of its quote groups (the same thread), that share
 * a copy edge with it (an article of one copies an article of the other),
 * or that share at least two named entities (the same canonical key and
 * type in an article of each; only entities named in at most 1,000
 * articles count: one named everywhere says little). Most shared claims
 * and quote groups first, then most shared copies, then most shared
 * entities, then by number. NG_ERR_NOTFOUND when no such story. Columns: 0 story, 1 size, 2 title, 3 copies (int: edges
 * between the two), 4 entities (int: distinct entities shared), 5 claims,
 * 6 quote_groups (int: shared). */
NG_API ng_status ng_related_stories_open(ng_engine *e, long long story,
					 ng_cursor **out);

/* Filters for ng_entities_open: start from NG_ENTITY_FILTER_INIT, as for
 * stories. */
typedef struct ng_entity_filter {
	size_t size;            /* sizeof(ng_entity_filter), set by the INIT */
	const char *type;       /* "person", "organization", "place", "event" */
	const char *name;       /* substring of the entity's name or of any
				   variant (a mention's text or display name);
				   ASCII letters match either case */
	long long min_mentions; /* at least this many mentions */
	long long limit;        /* at most this many rows; 0 = all */
	long long offset;       /* skip this many rows first */
} ng_entity_filter;
#define NG_ENTITY_FILTER_INIT {sizeof(ng_entity_filter), NULL, NULL, 0, 0, 0}

/* Canonical entities, most mentioned first (then most articles, name, type,
 * key). f may be NULL. Columns: 0 type, 1 key (canonical key: the same
 * across languages, scripts and inflections, "Putin", "Путина" -> "p_t_n"),
 * 2 name (the longest display name seen), 3 mentions, 4 articles (int). */
NG_API ng_status ng_entities_open(ng_engine *e, const ng_entity_filter *f,
				  ng_cursor **out);
/* Variants of entities: the distinct (text, display name) pairs of their
 * mentions with counts, by type, key, text, name. type and key select one
 * entity; key NULL = every entity of type, both NULL = all (a scan of the
 * mentions table; one entity is read through an index). Columns: 0 type, 1 key, 2 text, 3 name, 4 count (int). */
NG_API ng_status ng_entity_variants_open(ng_engine *e, const char *type,
					 const char *key, ng_cursor **out);
/* The mentions of one entity (type and key), by article in ingest order,
 * then in text order (read through an index). Columns: 0 article
 * (id), 1 start, 2 end, 3 byte_start, 4 byte_end (int), 5 text (the words
 * of the name as written, without a title), 6 name (display name). */
NG_API ng_status ng_entity_mentions_open(ng_engine *e, const char *type,
					 const char *key, ng_cursor **out);

/* The named-entity mentions of one article in text order; NG_ERR_NOTFOUND
 * when no such article. Columns: 0 start, 1 end, 2 byte_start, 3 byte_end
 * (int), 4 text, 5 type, 6 key, 7 name. */
NG_API ng_status ng_article_mentions_open(ng_engine *e, const char *article_id,
					  ng_cursor **out);
/* The temporal expressions of one article in text order, resolved against
 * the publication date; NG_ERR_NOTFOUND. Columns: 0 start, 1 end,
 * 2 byte_start, 3 byte_end (int), 4 text (as written), 5 value (TIMEX3:
 * "2024-11-05", "2024-W43", "2020-07", "PRESENT_REF", "P3D", "XXXX-11-12"
 * when it could not be anchored), 6 type ("DATE", "TIME", "DURATION",
 * "SET"), 7 granularity ("day", "week", "month"...; NULL if none),
 * 8 anchor ("absolute": written in full, "publication", "text": an earlier
 * date in the text, "story": the story's first date, "none"). */
NG_API ng_status ng_article_dates_open(ng_engine *e, const char *article_id,
				       ng_cursor **out);

/* ---- who said what -------------------------------------------------------------
 * Quotes with their speakers, grouped across articles and languages (the
 * same words quoted in several articles are one group); claims (what
 * articles report was alleged, reported or asserted, by whom), the
 * responses to them (denials, confirmations, refusals to comment) and each
 * article's stance toward the claims of its story; a timeline per story.
 * docs/SAID.md says how they are found. Dates are "YYYY-MM-DD" with where
 * they came from: "article" (its publication date), "text: on Thursday"
 * (a date the text gives in the same sentence), NULL when unknown. */

/* Filters for the quote and claim openers: start from NG_SAID_FILTER_INIT,
 * as for stories. */
typedef struct ng_said_filter {
	size_t size;          /* sizeof(ng_said_filter), set by the INIT */
	long long story;      /* only this story; 0 = all */
	const char *speaker;  /* substring of the speaker's (claimant's) name
				 or of the words naming them; ASCII letters
				 match either case */
	long long group;      /* quotes: only this quote group; 0 = all */
	long long limit;      /* at most this many rows; 0 = all */
	long long offset;     /* skip this many rows first */
} ng_said_filter;
#define NG_SAID_FILTER_INIT {sizeof(ng_said_filter), 0, NULL, 0, 0, 0}

/* Quotes, by article in ingest order, then in text order. f may be NULL.
 * Columns: 0 article (id), 1 story (int), 2 start, 3 end, 4 byte_start,
 * 5 byte_end (int: code points and bytes into the body), 6 direct (int: 1
 * between quote marks, 0 indirect speech), 7 text, 8 speaker (canonical
 * name, NULL when unknown), 9 as_written (the words naming the speaker
 * there: "he", "the Kremlin spokesman"), 10 speaker_key (entity key),
 * 11 quote_group (int, NULL for indirect speech), 12 date, 13 date_source,
 * 14 lang, 15 cue (the speech verb: "said", "betonte"). */
NG_API ng_status ng_quotes_open(ng_engine *e, const ng_said_filter *f,
				ng_cursor **out);
/* The quotes of one article (the columns of ng_quotes_open);
 * NG_ERR_NOTFOUND when no such article. */
NG_API ng_status ng_article_quotes_open(ng_engine *e, const char *article_id,
					ng_cursor **out);
/* Quote groups, most articles first, then by number; story, speaker and
 * group of f select. Columns: 0 quote_group (int), 1 text (as the first
 * article carried it), 2 speaker, 3 speaker_key, 4 first_article (id: the
 * first article that carried it), 5 first_published, 6 articles (int),
 * 7 languages (comma-separated), 8 stories (int). */
NG_API ng_status ng_quote_groups_open(ng_engine *e, const ng_said_filter *f,
				      ng_cursor **out);

/* Claims, by number (the order they were first reported); story selects
 * the claims reported or answered in that story, speaker the claimant.
 * Columns: 0 claim (int), 1 text (as first reported), 2 kind
 * ("allegation", "report", "assertion"), 3 claimant (canonical name, else
 * the words naming it), 4 claimant_key, 5 first_article (id), 6 reports,
 * 7 responses, 8 denials (int). */
NG_API ng_status ng_claims_open(ng_engine *e, const ng_said_filter *f,
				ng_cursor **out);
/* The articles reporting one claim, in ingest order. Columns: 0 article,
 * 1 story (int), 2 text (the claim as this article puts it), 3 claimant
 * (as written there), 4 date, 5 date_source, 6 lang, 7 start, 8 end (int,
 * code points). */
NG_API ng_status ng_claim_reports_open(ng_engine *e, long long claim,
				       ng_cursor **out);
/* The responses to one claim, in ingest and text order. Columns:
 * 0 article, 1 story (int), 2 stance ("deny", "confirm", "no_comment"),
 * 3 responder (canonical name), 4 responder_key, 5 as_written,
 * 6 evidence (the sentence), 7 date, 8 date_source, 9 cue, 10 start,
 * 11 end (int, code points). */
NG_API ng_status ng_claim_responses_open(ng_engine *e, long long claim,
					 ng_cursor **out);
/* Each article's stance toward one claim (FNC-1 classes: "agree",
 * "disagree", "discuss", "unrelated"), in ingest order. Columns:
 * 0 article, 1 story (int), 2 stance, 3 score (float: the model's
 * margin). */
NG_API ng_status ng_claim_stances_open(ng_engine *e, long long claim,
				       ng_cursor **out);
/* The stories one claim is reported or answered in. Columns: 0 story. */
NG_API ng_status ng_claim_stories_open(ng_engine *e, long long claim,
				       ng_cursor **out);

/* The dated events of a story (with thread: of its related stories too,
 * those sharing claims or quote groups), in date order (undated last),
 * then ingest and text order. Events: "published" (the story's first
 * article), "follow-up" (each later one), "claim" (a claim first reported
 * in the story), "response", "quote" (a quote group's first appearance).
 * Columns: 0 date, 1 date_source, 2 event, 3 article, 4 story (int),
 * 5 text, 6 who (speaker, claimant or responder), 7 detail (claim kind,
 * response stance), 8 claim (int, NULL), 9 quote_group (int, NULL). */
NG_API ng_status ng_timeline_open(ng_engine *e, long long story, int thread,
				  ng_cursor **out);

/* ---- one article, as structs ----------------------------------------------------
 * Shortcuts over the cursors above for C callers. Strings belong to the
 * engine and stay valid until the next call of these on it; absent values
 * are NULL. NG_ERR_NOTFOUND when the article does not exist, NG_ERR_DB
 * (SQLite's message in ng_errmsg) when the store fails, NG_ERR_NOMEM. */

/* The story of an article (by its id), after a flush. */
NG_API ng_status ng_article_story(ng_engine *e, const char *article_id,
				  long long *story_out);

/* What is stored about one article. */
typedef struct ng_article_info {
	long long story;
	const char *id;
	const char *title;
	const char *lang;             /* ISO 639-1 or "und" */
	const char *published;        /* ISO 8601 or NULL */
	const char *published_source; /* "metadata", "header", "dateline", ... */
	const char *outlet;
	const char *url;
	long long n_words;
	long long n_sentences;
	double published_confidence;  /* 0 (unknown) .. 1 (given); see below */
} ng_article_info; /* frozen (see the top) */

NG_API ng_status ng_article_get(ng_engine *e, const char *article_id,
				ng_article_info *out);

/* The stored body of an article (the text that offsets point into). */
NG_API ng_status ng_article_text(ng_engine *e, const char *article_id,
				 const char **text, size_t *len);

/* Publication dates: when a record has none, or only a dateline's month and
 * day, the engine infers one from the article itself (docs/DATES.md):
 * published_source says where it came from ("metadata", "header",
 * "dateline", "text", "override") and published_confidence how sure it is
 * (1 given, 0.9 a header line, 0.7 or 0.4 a dateline year chosen by weekday
 * consistency, 0.6 a date at the top of the text, 0.5 a year-less dateline). */

/* One named entity mention: the columns of ng_article_mentions_open. */
typedef struct ng_mention_info {
	long long start, end;
	long long byte_start, byte_end;
	const char *text;  /* the words of the name, without a title */
	const char *type;  /* "person", "organization", "place", "event" */
	const char *key;   /* canonical key: the same across languages, scripts
			      and inflections ("Putin", "Путина" -> "p_t_n") */
	const char *name;  /* display name ("Vladimir Putin") */
} ng_mention_info; /* frozen (see the top) */

/* Fills up to max mentions of article_id, in text order, and the total
 * count into *n_out. */
NG_API ng_status ng_article_mentions(ng_engine *e, const char *article_id,
				     ng_mention_info *out, int max, int *n_out);

/* One temporal expression: the columns of ng_article_dates_open. */
typedef struct ng_date_info {
	long long start, end;           /* code points */
	long long byte_start, byte_end; /* bytes */
	const char *text;         /* the expression as written */
	const char *value;        /* TIMEX3 value */
	const char *type;         /* "DATE", "TIME", "DURATION", "SET" */
	const char *granularity;  /* "day", "week", "month"...; NULL if none */
	const char *anchor;       /* "absolute", "publication", "text",
				     "story", "none" */
} ng_date_info; /* frozen (see the top) */

/* Fills up to max dates of article_id, in text order, and the count. */
NG_API ng_status ng_article_dates(ng_engine *e, const char *article_id,
				  ng_date_info *out, int max, int *n_out);

/* One copy edge seen from an article: the other article, the kind ("exact",
 * "near", "rewrite", "partial"), the score in [0,1], and whether the other
 * one is the original. */
typedef struct ng_copy_info {
	const char *other_id;
	const char *kind;
	double score;
	int other_is_original;
} ng_copy_info; /* frozen (see the top) */

/* Fills up to max edges of article_id into out, highest score first, and
 * the total count into *n_out. */
NG_API ng_status ng_article_copies(ng_engine *e, const char *article_id,
				   ng_copy_info *out, int max, int *n_out);

/* ---- reports ---------------------------------------------------------------- */
typedef enum ng_format {
	NG_FORMAT_TABLE = 0,
	NG_FORMAT_JSON = 1,   /* one JSON document */
	NG_FORMAT_JSONL = 2   /* one JSON object per line */
} ng_format;

/* Where reports write: called with each piece of output, in order (pieces
 * of at most about 64 KiB; a row may be split between calls). Return 0 to
 * go on; anything else stops the report, which returns NG_ERR_IO. */
typedef int (*ng_write_fn)(void *ctx, const char *data, size_t len);

/* An ng_write_fn writing to the FILE * in ctx (0 when fwrite wrote it all). */
NG_API int ng_write_file(void *ctx, const char *data, size_t len);

/* Every report comes twice: ng_report_X_to writes through a callback, and
 * ng_report_X(..., FILE *out, ...) writes to a stream (ng_write_file; on
 * a write error the message in ng_errmsg says why). A report that fails
 * (NG_ERR_DB on a damaged store, NG_ERR_IO when the output fails) may have
 * written part of its output: never take a failed report's output as whole.
 * The formats and fields are kept stable (docs/EXPORT.md). */

/* The stories, largest first: story, size, languages, first seen, title. */
NG_API ng_status ng_report_stories_to(ng_engine *e, ng_format f,
				      ng_write_fn write, void *ctx);
NG_API ng_status ng_report_stories(ng_engine *e, FILE *out, ng_format f);
/* One story with its articles and copy edges. */
NG_API ng_status ng_report_story_to(ng_engine *e, long long story, ng_format f,
				    ng_write_fn write, void *ctx);
NG_API ng_status ng_report_story(ng_engine *e, long long story, FILE *out,
				 ng_format f);
/* Provenance: for one story (0: every story with copies), the earliest
 * source and the tree of copies, each edge with its kind, score, why that
 * direction, and its evidence quoted from both texts. */
NG_API ng_status ng_report_copies_to(ng_engine *e, long long story, ng_format f,
				     ng_write_fn write, void *ctx);
NG_API ng_status ng_report_copies(ng_engine *e, long long story, FILE *out,
				  ng_format f);
/* The entities: canonical name, type, mentions, articles and variants (the
 * distinct texts of their mentions, with counts), most mentioned first.
 * The name shown is the display name most of the entity's mentions carry.
 * type ("person", "organization", "place", "event") or NULL for all; only
 * entities with at least min_mentions mentions. */
NG_API ng_status ng_report_entities_to(ng_engine *e, const char *type,
				       long long min_mentions, ng_format f,
				       ng_write_fn write, void *ctx);
NG_API ng_status ng_report_entities(ng_engine *e, const char *type,
				    long long min_mentions, FILE *out,
				    ng_format f);
/* Quote groups (f: NG_SAID_FILTER_INIT's fields; NULL for all), each
 * with its speaker, first article and the articles that carry it. */
NG_API ng_status ng_report_quotes_to(ng_engine *e, const ng_said_filter *f,
				     ng_format fmt, ng_write_fn write, void *ctx);
NG_API ng_status ng_report_quotes(ng_engine *e, const ng_said_filter *f,
				  FILE *out, ng_format fmt);
/* Claims of one story (0: all), each with its claimant, stories, reporting
 * articles, responses and stances: {"claims":[{"id","text","claimant",
 * "stories":[..],"reported_in":[ids],"responses":[{"article","stance",
 * "by","evidence"}],...}]} (docs/EXPORT.md). */
NG_API ng_status ng_report_claims_to(ng_engine *e, long long story,
				     ng_format fmt, ng_write_fn write, void *ctx);
NG_API ng_status ng_report_claims(ng_engine *e, long long story, FILE *out,
				  ng_format fmt);
/* The timeline of a story (thread: with its related stories). */
NG_API ng_status ng_report_timeline_to(ng_engine *e, long long story,
				       int thread, ng_format fmt,
				       ng_write_fn write, void *ctx);
NG_API ng_status ng_report_timeline(ng_engine *e, long long story, int thread,
				    FILE *out, ng_format fmt);
/* Every article with its story, copies, entities, dates and quotes:
 * schema in docs/EXPORT.md. JSON or JSON Lines only. */
NG_API ng_status ng_export_to(ng_engine *e, ng_format f, ng_write_fn write,
			      void *ctx);
NG_API ng_status ng_export(ng_engine *e, FILE *out, ng_format f);

/* ---- analyze (no database) ----------------------------------------------------
 * Reads path like ng_ingest_path and prints one JSON object per document
 * with its per-document features. published, if not NULL, overrides the
 * publication date of every document. */
typedef struct ng_analyze_options {
	size_t size;              /* sizeof(ng_analyze_options), or 0 */
	const char *published;
	ng_diag_fn on_diag;
	void *diag_ctx;
} ng_analyze_options;

#define NG_ANALYZE_OPTIONS_INIT NG_SIZED_INIT(ng_analyze_options)

NG_API ng_status ng_analyze_path(const char *path,
				 const ng_analyze_options *opt, FILE *out,
				 long long *failed_out);

/* ---- extract (one web page -> one article, no database) ----------------------
 * Reads one HTML page and writes the article it holds as one JSON object and
 * a newline (docs/EXTRACT.md): {"url", "title", "authors", "published",
 * "published_source", "modified", "lang", "site", "credit", "charset",
 * "charset_source", "invalid_bytes", "body"}. body is the main text
 * (paragraphs, headings, lists and quotes in page order, "\n\n" between
 * them; boilerplate, navigation, comments, related links, ads and share bars
 * left out), "" when the page holds no article text; a field the page does
 * not give is null. url (in the options) is where the page came from: it
 * resolves a relative canonical link and may give the date in its path;
 * content_type is the HTTP Content-Type, whose charset wins over the page's
 * own <meta>. Any charset is read (byte-order mark, Content-Type, <meta>,
 * then a guess) and converted to UTF-8; invalid_bytes counts the bytes that
 * did not decode.
 *
 * ng_extract_html_to takes the page from memory and writes through a
 * callback; ng_extract_file reads a file ("-" for stdin), gzip-compressed or
 * not (the bytes decide), and writes to out. Errors, each reported to
 * on_diag (or stderr) naming the file or URL, with nothing written:
 * NG_ERR_INPUT for bytes that are not a page (binary data, an empty file,
 * corrupt gzip, elements nested past 256 levels), NG_ERR_TOOBIG for a page
 * over 32 MiB, NG_ERR_NOTFOUND for a missing file, NG_ERR_IO for a file that
 * cannot be read or output that cannot be written, NG_ERR_NOMEM. */
typedef struct ng_extract_options {
	size_t size;              /* sizeof(ng_extract_options), or 0 */
	const char *url;          /* where the page came from, or NULL */
	const char *content_type; /* the HTTP Content-Type, or NULL */
	ng_diag_fn on_diag;
	void *diag_ctx;
} ng_extract_options;

#define NG_EXTRACT_OPTIONS_INIT NG_SIZED_INIT(ng_extract_options)

NG_API ng_status ng_extract_html_to(const char *bytes, size_t len,
				    const ng_extract_options *opt,
				    ng_write_fn write, void *ctx);
NG_API ng_status ng_extract_file(const char *path,
				 const ng_extract_options *opt, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
