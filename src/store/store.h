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
 * meta (schema version).
 */
#ifndef NG_STORE_H
#define NG_STORE_H

#include "../extract/dates.h"
#include "../extract/entities.h"
#include "../link/link.h"

typedef struct ngx_store ngx_store;

/* Opens or creates path (NULL or ":memory:" = in memory). On failure a
 * message is written to err. */
ng_status ngx_store_open(const char *path, ngx_store **out, char *err,
			 size_t errlen);
void ngx_store_close(ngx_store *s);
const char *ngx_store_errmsg(const ngx_store *s);

ng_status ngx_store_begin(ngx_store *s);
ng_status ngx_store_commit(ngx_store *s);
void ngx_store_rollback(ngx_store *s);

typedef struct ngx_article_row {
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
	const ngx_term *terms;
	uint32_t n_terms;
	const uint64_t *anchors; /* verbatim anchors */
	uint32_t n_anchors;
	const void *sketch;      /* serialised sentence sketch (insert only) */
	size_t sketch_len;
} ngx_article_row;

ng_status ngx_store_insert_article(ngx_store *s, const ngx_article_row *a);
/* The entity mentions of article seq (stored before them), and their
 * counts into the entities table. */
ng_status ngx_store_insert_mentions(ngx_store *s, uint32_t seq,
				    const ngx_mention *m, size_t n);
/* The dates of article seq; text is its body (for the surfaces). */
ng_status ngx_store_insert_dates(ngx_store *s, uint32_t seq, const char *text,
				 const ngx_timex *t, size_t n);
/* Names stored for entity types, granularities and anchors (features.c). */
const char *ngx_entity_type_word(int type);
const char *ngx_timex_gran_name(int gran);
const char *ngx_timex_anchor_name(int anchor);
/* The edge and its evidence rows. */
ng_status ngx_store_insert_edge(ngx_store *s, const ngx_copy_edge *e);
/* The stored sentence sketch of article seq; NG_ERR_NOTFOUND when none. */
ng_status ngx_store_get_sketch(ngx_store *s, uint32_t seq, ngx_arena *a,
			       ngx_text_sketch *out);
/* The stored terms, publication day and language code (ISO 639-1, ""
 * when unknown; lang holds at least 8 bytes) of article seq (the terms in
 * a); NG_ERR_NOTFOUND when it is not stored. */
ng_status ngx_store_get_terms(ngx_store *s, uint32_t seq, ngx_arena *a,
			      ngx_term **terms, uint32_t *n_terms, int32_t *day,
			      char lang[8]);
/* A new story for the articles split off another, titled by article seq
 * (its title, else the first line of its text, at most 120 characters). */
ng_status ngx_store_split_story(ngx_store *s, uint32_t story, uint32_t seq);
/* Moves stored article seq from story from to story to and counts both
 * stories' aggregates again from their articles (a cost that grows with
 * the stories: moves are rare, see docs/LINKING.md). */
ng_status ngx_store_move_article(ngx_store *s, uint32_t seq, uint32_t from,
				 uint32_t to);
/* Creates story (new) with its title. Its aggregates (size, title, first
 * and last seen, languages) follow each article stored in it and each
 * merge, at a cost that does not grow with the story. */
ng_status ngx_store_new_story(ngx_store *s, uint32_t story, const char *title);
/* Moves every article of story from into story into, adds from's
 * aggregates to into's and drops from. */
ng_status ngx_store_merge_stories(ngx_store *s, uint32_t into, uint32_t from);

/* Calls fn for every stored article in seq order, with what linking needs
 * (id, published, lang and outlet; body and other text fields are NULL). */
typedef ng_status (*ngx_store_article_fn)(void *ctx, const ngx_article_row *a);
ng_status ngx_store_each_article(ngx_store *s, ngx_store_article_fn fn,
				 void *ctx);

/* Calls fn for every stored article from seq first (0-based) on, in seq
 * order, with its seq, title, outlet and body (other fields NULL): the
 * texts linking reads again on reopening (credit lines). */
ng_status ngx_store_each_text(ngx_store *s, uint32_t first,
			      ngx_store_article_fn fn, void *ctx);

/* The raw handle, for report queries. */
struct sqlite3 *ngx_store_db(ngx_store *s);

#endif
