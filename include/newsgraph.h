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
 *    until the next call on that engine; copy them to keep them.
 *  - Output is written to a FILE * the caller owns.
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
 *    ng_analyze_options) and the one it hands in to be filled
 *    (ng_ingest_stats) begin with `size_t size`: the sizeof the caller was
 *    compiled with. ng_config_init sets it; for the others use
 *    NG_INGEST_STATS_INIT, NG_RECORD_INIT, NG_ANALYZE_OPTIONS_INIT (or
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
#define NG_VERSION "0.2.0"
#define NG_VERSION_NUMBER 2000
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
	NG_ERR_INTERNAL = 8  /* a bug: please report it */
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
 * plain-text articles and JSON Lines (.jsonl/.ndjson, or sniffed; a UTF-8
 * byte-order mark at the start is skipped). Records are analysed, linked
 * and stored in batches, one transaction each. Returns NG_OK when
 * everything went in unchanged, NG_ERR_INPUT when some input was bad: a
 * record or file rejected (the rest is stored) or invalid UTF-8 replaced by
 * U+FFFD (the record is stored repaired), each reported with file, record
 * and offset; another error when the run failed. A record that fails on its
 * own (too big, its analysis out of memory) is one rejected record, never a
 * failed run. stats may be NULL; counts add up across calls, and count only
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
 * a text past NG_MAX_TEXT_BYTES; invalid UTF-8 is repaired with a warning
 * and counted in stats->invalid_utf8, the record is queued (NG_OK). */
NG_API ng_status ng_ingest_record(ng_engine *e, const ng_record *r,
				  const char *source, ng_ingest_stats *stats);
/* Analyses, links and commits everything queued. A record whose analysis
 * fails on its own (out of memory in it) is reported through the
 * diagnostics callback, counted in stats->failed and skipped; the rest is
 * committed and the call returns NG_OK. */
NG_API ng_status ng_ingest_flush(ng_engine *e, ng_ingest_stats *stats);

/* ---- queries ---------------------------------------------------------------- */
/* The story of an article (by its id), after a flush. */
NG_API ng_status ng_article_story(ng_engine *e, const char *article_id,
				  long long *story_out);

/* What is stored about one article. Strings belong to the engine (valid until
 * the next call on it); absent values are NULL. */
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

/* The stored body of an article (the text that offsets below point into),
 * valid until the next call on e. */
NG_API ng_status ng_article_text(ng_engine *e, const char *article_id,
				 const char **text, size_t *len);

/* Publication dates: when a record has none, or only a dateline's month and
 * day, the engine infers one from the article itself (docs/DATES.md):
 * published_source says where it came from ("metadata", "header",
 * "dateline", "text", "override") and published_confidence how sure it is
 * (1 given, 0.9 a header line, 0.7 or 0.4 a dateline year chosen by weekday
 * consistency, 0.6 a date at the top of the text, 0.5 a year-less dateline). */

/* One named entity mention. Offsets into the stored body: start/end in code
 * points, byte_start/byte_end in bytes, end exclusive. */
typedef struct ng_mention_info {
	long long start, end;
	long long byte_start, byte_end;
	const char *text;  /* the words of the name, without a title */
	const char *type;  /* "person", "organization", "place", "event" */
	const char *key;   /* canonical key: the same across languages, scripts
			      and inflections ("Putin", "Путина" -> "p_t_n") */
	const char *name;  /* display name ("Vladimir Putin") */
} ng_mention_info; /* frozen (see the top) */

/* Fills up to max mentions of article_id, in text order (strings valid until
 * the next call on e), and the total count into *n_out. */
NG_API ng_status ng_article_mentions(ng_engine *e, const char *article_id,
				     ng_mention_info *out, int max, int *n_out);

/* One temporal expression, resolved against the publication date. */
typedef struct ng_date_info {
	long long start, end;           /* code points */
	long long byte_start, byte_end; /* bytes */
	const char *text;         /* the expression as written */
	const char *value;        /* TIMEX3 value: "2024-11-05", "2024-W43",
				     "2020-07", "PRESENT_REF", "P3D",
				     "XXXX-11-12" when it could not be anchored */
	const char *type;         /* "DATE", "TIME", "DURATION", "SET" */
	const char *granularity;  /* "day", "week", "month"...; NULL if none */
	const char *anchor;       /* "absolute" (written in full),
				     "publication", "text" (an earlier date in
				     the text), "none" */
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

/* Fills up to max edges of article_id into out (strings valid until the next
 * call on e) and the total count into *n_out. */
NG_API ng_status ng_article_copies(ng_engine *e, const char *article_id,
				   ng_copy_info *out, int max, int *n_out);

/* ---- reports ---------------------------------------------------------------- */
typedef enum ng_format {
	NG_FORMAT_TABLE = 0,
	NG_FORMAT_JSON = 1,   /* one JSON document */
	NG_FORMAT_JSONL = 2   /* one JSON object per line */
} ng_format;

/* The stories, largest first: story, size, languages, first seen, title. */
NG_API ng_status ng_report_stories(ng_engine *e, FILE *out, ng_format f);
/* One story with its articles and copy edges. */
NG_API ng_status ng_report_story(ng_engine *e, long long story, FILE *out,
				 ng_format f);
/* Provenance: for one story (0: every story with copies), the earliest
 * source and the tree of copies, each edge with its kind, score, why that
 * direction, and its evidence quoted from both texts. */
NG_API ng_status ng_report_copies(ng_engine *e, long long story, FILE *out,
				  ng_format f);
/* The entities: canonical name, type, mentions, articles and variants (the
 * distinct texts of their mentions, with counts), most mentioned first.
 * type ("person", "organization", "place", "event") or NULL for all; only
 * entities with at least min_mentions mentions. */
NG_API ng_status ng_report_entities(ng_engine *e, const char *type,
				    long long min_mentions, FILE *out,
				    ng_format f);
/* Every article with its story, copies, entities and dates: schema in
 * docs/EXPORT.md. */
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

#ifdef __cplusplus
}
#endif
#endif
