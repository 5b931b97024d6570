/*
 * query_int.h: private to the query files of src/store/: the cursor's
 * insides and the helpers that prepare, bind and look up. Only files in
 * src/store/ include sqlite3.h.
 */
#ifndef NG_STORE_QUERY_INT_H
#define NG_STORE_QUERY_INT_H

#include <sqlite3.h>

#include "query.h"

struct ng_cursor {
	sqlite3_stmt *stmt;
	ngi_store *store; /* takes the statement back on close */
	ngi_err err;
	/* NG_OK while rows may come; then NG_DONE or the error, sticky */
	ng_status status;
	int row;       /* a row is ready for the getters */
	int prefetched; /* the opener already stepped to the first row */
};

/* The columns of every article cursor (include/newsgraph.h), from
 * articles a. */
#define NGI_ARTICLE_COLUMNS                                                    \
	"a.id AS id, a.story AS story, a.title AS title, a.lang AS lang,"      \
	" a.lang_reliable AS lang_reliable, a.published AS published,"         \
	" a.published_source AS published_source,"                             \
	" a.published_confidence AS published_confidence,"                     \
	" a.outlet AS outlet, a.url AS url, a.source AS source,"               \
	" a.record AS record, a.n_words AS words,"                             \
	" a.n_sentences AS sentences, a.seq AS ingested"

/* The connection (store.c). */
sqlite3 *ngi_store_db(ngi_store *s);

/* Statements kept between cursors (store.c): an idle statement prepared
 * from exactly sql, taken out of the store (NULL when there is none), and
 * a cursor's statement handed back on close (reset and unbound; the store
 * finalizes its oldest one when all NGI_STORE_IDLE_STMTS slots are full,
 * and every one when it closes). */
#define NGI_STORE_IDLE_STMTS 32
sqlite3_stmt *ngi_store_take_idle(ngi_store *s, const char *sql);
void ngi_store_give_idle(ngi_store *s, sqlite3_stmt *q);

/* Writes "what: SQLite's message" into err; NG_ERR_NOMEM when SQLite ran
 * out of memory, else NG_ERR_DB. */
ng_status ngi_query_fail(sqlite3 *db, ngi_err err, const char *what);

/* Common table expressions after "WITH mine(seq) AS (the story's article
 * seqs)", with ?1 the story: oc(story, n) the other stories and how many
 * claims they share with it (reported or answered), oq(story, n) how many
 * of its quote groups they carry. Used by the thread of a story
 * (query_said.c) and its related stories (query_stories.c). */
#define NGI_SHARED_SAID_CTE                                                    \
	" mc(claim) AS (SELECT claim FROM claim_reports WHERE article IN mine" \
	"  UNION SELECT claim FROM responses WHERE article IN mine"            \
	"  AND claim IS NOT NULL),"                                            \
	" mq(g) AS (SELECT DISTINCT quote_group FROM quotes"                   \
	"  WHERE article IN mine AND quote_group IS NOT NULL),"                \
	" oc(story, n) AS (SELECT a.story, count(DISTINCT x.claim) FROM"      \
	"  (SELECT claim, article FROM claim_reports WHERE claim IN mc"        \
	"   UNION ALL SELECT claim, article FROM responses WHERE claim IN mc) x" \
	"  JOIN articles a ON a.seq = x.article WHERE a.story <> ?1"           \
	"  GROUP BY a.story),"                                                 \
	" oq(story, n) AS (SELECT a.story, count(DISTINCT q.quote_group)"     \
	"  FROM quotes q JOIN articles a ON a.seq = q.article"                 \
	"  WHERE q.quote_group IN mq AND a.story <> ?1 GROUP BY a.story)"

/* Prepares sql into a new cursor (no row yet). */
ng_status ngi_cursor_new(ngi_store *s, ngi_err err, const char *sql,
			 ng_cursor **out);
/* Binds parameter i (1-based): NULL text binds NULL, text is copied. A
 * failed bind sets the cursor's status, which the next step returns (and
 * ngi_cursor_bound reports). */
void ngi_cursor_bind_text(ng_cursor *c, int i, const char *v);
void ngi_cursor_bind_int64(ng_cursor *c, int i, long long v);
/* The opener's last word: closes c and returns its status when a bind
 * failed, else hands it out. */
ng_status ngi_cursor_bound(ng_cursor *c, ng_cursor **out);
/* A cursor over sql with its one parameter ?1 bound to v. */
ng_status ngi_cursor_open_int64(ngi_store *s, ngi_err err, const char *sql,
				long long v, ng_cursor **out);
/* Steps c to its first row now: NG_OK (ng_cursor_step will return that
 * row), NG_ERR_NOTFOUND (c is closed; no message written) or the error. */
ng_status ngi_cursor_prefetch(ng_cursor *c);

/* A LIKE pattern matching text anywhere ('%' around it, '%', '_' and '\'
 * escaped with '\'), malloc'd; NULL text gives NULL. *st is NG_ERR_NOMEM
 * when it could not be made. */
char *ngi_like_pattern(const char *text, ng_status *st);

#endif
