/*
 * store.h: the SQLite store, the pipeline's memory between runs.
 *
 * One file, WAL journal, one transaction per batch: an interrupted ingest
 * loses at most the batch in flight, never what was committed. Tables
 * (docs/STORE.md has the full schema): articles (one row per article, seq =
 * arrival order, with the sketches needed to resume linking), copies (copy
 * edges with kind, score and why), evidence (the passages and quotations
 * behind rewrite and partial edges), stories (one row per story with its
 * aggregates), mentions and entities (named entities per article, and per
 * canonical key with counts), dates (temporal expressions per article),
 * meta (schema version). Reads go through the cursors of query.h.
 */
#ifndef NG_STORE_H
#define NG_STORE_H

#include "../extract/dates.h"
#include "../extract/entities.h"
#include "../link/link.h"
#include "../link/span_index.h"

typedef struct ngi_store ngi_store;

/* Opens or creates path (NULL or ":memory:" = in memory) for writing. A
 * file is first claimed for this writer: an exclusive lock on "PATH-lock"
 * (flock, created beside it, never removed) held until ngi_store_close or
 * the process ends; when another writer holds it, NG_ERR_DB at once and
 * nothing is read or written. On failure a message is written to err. */
ng_status ngi_store_open(const char *path, ngi_store **out, char *err,
			 size_t errlen);
/* Opens an existing file for reading only: SQLite read-only, no schema or
 * meta written, no lock file, so it works on a read-only file or file
 * system and never waits for a writer (WAL). When the directory is
 * read-only and holds no -shm file, SQLite cannot share the WAL index; no
 * writer is at work then (a writer keeps a -shm beside the file), and the
 * file is opened as immutable. */
ng_status ngi_store_open_reader(const char *path, ngi_store **out, char *err,
				size_t errlen);
void ngi_store_close(ngi_store *s);
const char *ngi_store_errmsg(const ngi_store *s);
/* The writer's claim on path that ngi_store_open takes, on its own (the
 * distributed ingest holds it on the database it will create while it
 * writes a temporary file): *fd is the lock file's descriptor, held until
 * closed; NG_ERR_DB with a message when another writer holds it. */
ng_status ngi_store_lock(const char *path, int *fd, char *err, size_t errlen);

/* A file that no one reads until it is complete and that is thrown away
 * if writing it fails (the distributed ingest's temporary file): bulk
 * keeps the rollback journal in memory and writes each page once, in
 * place, without waiting for the disk (a crash leaves it damaged; it is
 * removed), leaves out the indexes only reading uses (store.c:
 * reading_indexes) and does not look up each row's parent row (foreign
 * keys: the rows come from the same code as a single process's, whose
 * files check them; tests/mpi_test.sh runs PRAGMA foreign_key_check on
 * every bulk file). Back: those indexes built, WAL and its usual syncing,
 * foreign key checks on for what is written after (the rows written in
 * bulk are not looked over), before it is closed. Not inside a
 * transaction. */
ng_status ngi_store_set_bulk(ngi_store *s, int bulk);
/* Builds the indexes that serve reading only (a bulk file leaves them
 * out; ngi_store_set_bulk(s, 0) builds them too, so that a file written
 * in bulk can build them before it takes rows in and still be in bulk). */
ng_status ngi_store_build_indexes(ngi_store *s);
/* Builds the reading indexes of the tables (NGI_ROWS_*) in a row stage's
 * file, so that they are copied whole with the rows (ngi_store_take_rows):
 * the copy stage's rank sorts them instead of rank 0 at its end. */
ng_status ngi_store_index_rows(ngi_store *s, unsigned tables);

/* Helper threads SQLite may sort on when it builds an index (PRAGMA
 * threads; 0: none, the default): for the distributed ingest's indexes,
 * built at the end when the other ranks of its machine are idle. */
ng_status ngi_store_set_sort_threads(ngi_store *s, int n);

/* Tables whose rows need no link decision (a row stage's: engine.h).
 * Not dates: a relative date with no anchor in its article is resolved
 * against its story's (ingest.c, anchor_on_story). */
enum {
	NGI_ROWS_MENTIONS = 1, /* mentions */
	NGI_ROWS_ENTITIES = 2  /* entities: the mentions' counts per entity */
};
/* Takes in the tables (NGI_ROWS_*) of the database file at path (a row
 * stage's), which s holds no rows of: whole tables copied as they are,
 * with their reading indexes when both files have them (built before,
 * on the empty tables here: ngi_store_build_indexes). For a bulk file,
 * not inside a transaction. */
ng_status ngi_store_take_rows(ngi_store *s, const char *path,
			      unsigned tables);

/* For a process of our own that writes one big file (the distributed
 * ingest), before it opens any database: SQLite keeps no memory
 * statistics, whose mutex every one of its allocations otherwise takes.
 * Process-wide, so never called by the library for its users. */
void ngi_store_process_setup(void);

ng_status ngi_store_begin(ngi_store *s);
ng_status ngi_store_commit(ngi_store *s);
void ngi_store_rollback(ngi_store *s);

typedef struct ngi_article_row {
	uint32_t seq;
	const char *id;
	const char *source;
	long long record_no;
	const char *url, *outlet, *title, *lang;
	int lang_reliable;
	const char *published;
	const char *published_source;
	double published_confidence; /* 0..1, stored when published is set */
	int32_t day;
	long long n_words, n_sentences;
	uint64_t content_hash;
	uint64_t record_hash;  /* of the raw record: idempotency */
	uint32_t story;
	const char *body;
	size_t body_len;
	const char *headline;  /* title, or the lead, for story titles */
	const uint32_t *minhash; /* NULL when the text has no words */
	const ngi_term *terms;
	uint32_t n_terms;
	const uint64_t *anchors; /* verbatim anchors */
	uint32_t n_anchors;
	const void *sketch;      /* serialised sentence sketch (insert only) */
	size_t sketch_len;
	const ngi_copy_edge *edges; /* the copy edges found when it was added,
				       in the order found (resume scan only;
				       no evidence) */
	int n_edges;
} ngi_article_row;

ng_status ngi_store_insert_article(ngi_store *s, const ngi_article_row *a);
/* The entity mentions of article seq (stored before them); their counts
 * into the entities table (one upsert per entity of the article). */
ng_status ngi_store_insert_mention_rows(ngi_store *s, uint32_t seq,
					const ngi_mention *m, size_t n);
ng_status ngi_store_count_entities(ngi_store *s, const ngi_mention *m,
				   size_t n);
/* The dates of article seq; text is its body (for the surfaces). */
ng_status ngi_store_insert_dates(ngi_store *s, uint32_t seq, const char *text,
				 const ngi_timex *t, size_t n);
/* Names stored for entity types, granularities and anchors (features.c). */
const char *ngi_entity_type_word(int type);
const char *ngi_timex_gran_name(int gran);
const char *ngi_timex_anchor_name(int anchor);
/* The edge and its evidence rows. */
ng_status ngi_store_insert_edge(ngi_store *s, const ngi_copy_edge *e);
/* The stored sentence sketch of article seq; NG_ERR_NOTFOUND when none. */
ng_status ngi_store_get_sketch(ngi_store *s, uint32_t seq, ngi_arena *a,
			       ngi_text_sketch *out);
/* The stored terms, publication day and language code (ISO 639-1, ""
 * when unknown; lang holds at least 8 bytes) of article seq (the terms in
 * a); NG_ERR_NOTFOUND when it is not stored. */
ng_status ngi_store_get_terms(ngi_store *s, uint32_t seq, ngi_arena *a,
			      ngi_term **terms, uint32_t *n_terms, int32_t *day,
			      char lang[8]);
/* A new story for the articles split off another, titled by article seq
 * (its title, else the first line of its text, at most 120 characters). */
ng_status ngi_store_split_story(ngi_store *s, uint32_t story, uint32_t seq);
/* Moves stored article seq from story from to story to and counts both
 * stories' aggregates again from their articles (a cost that grows with
 * the stories: moves are rare, see docs/LINKING.md). */
ng_status ngi_store_move_article(ngi_store *s, uint32_t seq, uint32_t from,
				 uint32_t to);
/* Creates story (new) with its title. Its aggregates (size, title, first
 * and last seen, languages) follow each article stored in it and each
 * merge, at a cost that does not grow with the story. */
ng_status ngi_store_new_story(ngi_store *s, uint32_t story, const char *title);
/* Moves every article of story from into story into, adds from's
 * aggregates to into's and drops from. */
ng_status ngi_store_merge_stories(ngi_store *s, uint32_t into, uint32_t from);

/* ---- who said what (store_said.c) ---------------------------------------
 * Articles are named by their seq (0-based, as linking numbers them).
 * Strings given with a length need not be NUL-terminated; a NULL string
 * is stored as NULL. A date is "YYYY-MM-DD" (or coarser), date_source
 * says where it came from ("article", "text", "story"), both NULL when
 * unknown. */
typedef struct ngi_span_text {
	const char *s;
	size_t len;
} ngi_span_text;

typedef struct ngi_said_row {
	uint32_t seq;              /* the article */
	uint32_t idx;              /* its number among the article's rows */
	uint32_t start, end;       /* code points */
	uint32_t byte_start, byte_end;
	ngi_span_text text;        /* the quote, claim or evidence */
	ngi_span_text as_written;  /* speaker, claimant or responder as written */
	const char *name, *key;    /* ... as the canonical entity */
	ngi_span_text cue;
	const char *date, *date_source;
	/* quotes */
	int direct;
	uint32_t first_piece;
	uint64_t group;            /* quote group, claim: 0 none */
	const char *kind;          /* claim kind or response stance */
} ngi_said_row;

ng_status ngi_store_new_quote_group(ngi_store *s, uint64_t id, uint32_t seq,
				    ngi_span_text text, const char *speaker,
				    const char *speaker_key, const ngi_span_sig *sig);
ng_status ngi_store_insert_quote(ngi_store *s, const ngi_said_row *r);
/* A new claim first reported by article seq (r: its first report). */
ng_status ngi_store_new_claim(ngi_store *s, uint64_t id, const ngi_said_row *r);
/* A report of claim r->group; sig, when not NULL, is the report's passage as
 * one of the claim's representatives in the link index (its first report,
 * a restatement). */
ng_status ngi_store_insert_claim_report(ngi_store *s, const ngi_said_row *r,
					const ngi_span_sig *sig);
ng_status ngi_store_insert_response(ngi_store *s, const ngi_said_row *r);
ng_status ngi_store_insert_stance(ngi_store *s, uint32_t seq, uint64_t claim,
				  const char *stance, double score);

/* Reopening: fn for each quote group with id > after, in id order, and
 * for the last `last` representatives of claims (claim reports with a
 * signature), in the order they were added, with the signature (day: the
 * latest publication day of the group's members); the terms live until fn
 * returns. */
typedef ng_status (*ngi_store_group_fn)(void *ctx, uint64_t id,
					const ngi_span_sig *sig);
ng_status ngi_store_each_quote_group(ngi_store *s, uint64_t after,
				     ngi_store_group_fn fn, void *ctx);
ng_status ngi_store_each_claim(ngi_store *s, uint64_t last,
			       ngi_store_group_fn fn, void *ctx);
/* The largest quote group and claim ids stored (0 when none). */
ng_status ngi_store_said_last_ids(ngi_store *s, uint64_t *quote_group,
				  uint64_t *claim);
/* fn(ctx, claim, seq, idx) for each claim report of the articles from seq
 * first on, in article order: the claims each article reported. */
typedef ng_status (*ngi_store_report_fn)(void *ctx, uint64_t claim, uint32_t seq,
					 uint32_t idx);
ng_status ngi_store_each_claim_report(ngi_store *s, uint32_t first,
				      ngi_store_report_fn fn, void *ctx);
/* The text of claim report idx of article seq and the article's language
 * (lang: at least 8 bytes, "" when unknown), the text in a;
 * NG_ERR_NOTFOUND when there is no such report. */
ng_status ngi_store_claim_report_text(ngi_store *s, uint32_t seq, uint32_t idx,
				      ngi_arena *a, const char **text, size_t *len,
				      char lang[8]);

/* fn(ctx, group, seq, speaker_key, lang) for each grouped quote of the
 * articles from seq first on, in article and text order. */
typedef ng_status (*ngi_store_quote_fn)(void *ctx, uint64_t group, uint32_t seq,
					const char *speaker_key, const char *lang);
ng_status ngi_store_each_grouped_quote(ngi_store *s, uint32_t first,
				       ngi_store_quote_fn fn, void *ctx);

/* Calls fn for every stored article in seq order, with what linking needs
 * (id, published, lang and outlet, and the copy edges it found when it was
 * added: those to earlier articles, in the order they were stored, which
 * is the order they were found; body and other text fields are NULL). */
typedef ng_status (*ngi_store_article_fn)(void *ctx, const ngi_article_row *a);
ng_status ngi_store_each_article(ngi_store *s, ngi_store_article_fn fn,
				 void *ctx);

/* Calls fn for every stored article from seq first (0-based) on, in seq
 * order, with its seq, title, outlet and body (other fields NULL): the
 * texts linking reads again on reopening (credit lines). */
ng_status ngi_store_each_text(ngi_store *s, uint32_t first,
			      ngi_store_article_fn fn, void *ctx);

/* ---- watch (store_watch.c) ----------------------------------------------
 * What `watch` remembers across restarts, in the same file: each feed's
 * validators (ETag, Last-Modified) and schedule, and each item URL seen
 * with what became of it. Times are seconds since the epoch. Strings
 * returned live in the caller's arena. */
typedef struct ngi_watch_feed_row {
	const char *url;
	const char *etag, *last_modified; /* NULL when the server gave none */
	long long next_poll;   /* not before this time (0: at once) */
	int failures;          /* polls failed in a row */
	long long last_polled; /* 0: never */
	int last_status;       /* HTTP status of the last poll, 0: none */
	const char *last_error; /* NULL when the last poll went well */
} ngi_watch_feed_row;

/* The row of feed url; NG_ERR_NOTFOUND (out untouched) when it was never
 * polled. */
ng_status ngi_store_watch_feed_get(ngi_store *s, const char *url, ngi_arena *a,
				   ngi_watch_feed_row *out);
/* Writes the row of r->url (inserted or replaced). */
ng_status ngi_store_watch_feed_put(ngi_store *s, const ngi_watch_feed_row *r);

/* What became of an item: "new" (listed by its feed, its page not fetched
 * yet: a run stopped before), "stored" (ingested: its article id is kept),
 * "failed" (for good: a 4xx, a redirect loop, too big, not a page),
 * "disallowed" (robots.txt), "retry" (a 5xx, a timeout, a network error:
 * tried again at the next polls until it has failed NGI_WATCH_ITEM_TRIES
 * times, then "failed"). */
typedef struct ngi_watch_item_row {
	const char *url, *feed, *state;
	const char *article;  /* the stored article's id, or NULL */
	int failures;
	const char *error;    /* the last failure, or NULL */
} ngi_watch_item_row;

/* The state and failure count of item url; NG_ERR_NOTFOUND when never
 * seen. state is a static string (one of the five above). */
ng_status ngi_store_watch_item_get(ngi_store *s, const char *url,
				   const char **state, int *failures);
/* Writes the row of r->url (its first_seen kept when it existed), at now. */
ng_status ngi_store_watch_item_put(ngi_store *s, const ngi_watch_item_row *r,
				   long long now);
/* fn(ctx, url) for each item of feed in state "new" or "retry", in URL
 * order; the URL lives until fn returns. */
typedef ng_status (*ngi_store_url_fn)(void *ctx, const char *url);
ng_status ngi_store_watch_each_pending(ngi_store *s, const char *feed,
				     ngi_store_url_fn fn, void *ctx);

#endif
