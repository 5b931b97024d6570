/*
 * query.h: the store's read side, for the engine and the reports.
 *
 * Every query of the project is here (src/store/query_*.c), as a cursor
 * (the public ng_cursor of include/newsgraph.h: step, column getters,
 * close). The openers below take the article or story as the store knows it
 * (seq, story number) and do not check that it exists: the public openers in
 * src/engine/query.c check first (ngi_query_article_seq,
 * ngi_query_story_exists) and then open. A cursor writes what went wrong
 * into the ngi_err it was opened with (the engine's message buffer), so
 * SQLite's own message reaches ng_errmsg.
 *
 * Reports that walk one cursor per article or per edge open it once and
 * ngi_cursor_rebind it for each, so a statement is prepared once per report.
 */
#ifndef NG_STORE_QUERY_H
#define NG_STORE_QUERY_H

#include "store.h"

/* Where a cursor writes its error messages (the engine's buffer). */
typedef struct ngi_err {
	char *msg;
	size_t size;
} ngi_err;

/* Starts the cursor again with new values for its first n parameters
 * (integers): the per-article and per-edge cursors take seqs. */
ng_status ngi_cursor_rebind(ng_cursor *c, int n, const long long *values);

/* The seq (1-based) of article id; NG_ERR_NOTFOUND, with a message. */
ng_status ngi_query_article_seq(ngi_store *s, ngi_err err, const char *id,
				long long *seq);
/* NG_OK when story exists, else NG_ERR_NOTFOUND with a message. */
ng_status ngi_query_story_exists(ngi_store *s, ngi_err err, long long story);

/* Stories (query_stories.c); the columns are those documented in
 * include/newsgraph.h for the public opener of the same name. f holds
 * every field (the caller copied the user's filter by its size). */
/* Full-text search (query_search.c): ng_search_open's cursor. */
ng_status ngi_query_search(ngi_store *s, ngi_err err, const char *query,
			   long long limit, long long offset, ng_cursor **out);
/* The FTS5 query for a user's words (fts_query.c, docs/SEARCH.md): a
 * malloc'ed string, or NULL with *st NG_OK when no positive term is left
 * (the query matches nothing); NG_ERR_TOOBIG past 64 KiB, NG_ERR_NOMEM. */
char *ngi_fts_query(const char *text, ng_status *st);
ng_status ngi_query_stories(ngi_store *s, ngi_err err, const ng_story_filter *f,
			    ng_cursor **out);
/* One story (prefetched: NG_ERR_NOTFOUND when none). */
ng_status ngi_query_story(ngi_store *s, ngi_err err, long long story,
			  ng_cursor **out);
ng_status ngi_query_story_articles(ngi_store *s, ngi_err err, long long story,
				   ng_cursor **out);
ng_status ngi_query_related_stories(ngi_store *s, ngi_err err, long long story,
				    ng_cursor **out);
/* Story numbers (column 0) that hold the original of a copy edge, in
 * order; story 0 = all. */
ng_status ngi_query_copy_stories(ngi_store *s, ngi_err err, long long story,
				 ng_cursor **out);

/* Copy edges and evidence (query_copies.c). */
ng_status ngi_query_story_copies(ngi_store *s, ngi_err err, long long story,
				 ng_cursor **out);
ng_status ngi_query_article_copies(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out);
/* The edges of article seq seen from it: 0 other (id), 1 kind, 2 score,
 * 3 other_is_original (int), highest score first, then by other id. */
ng_status ngi_query_article_copies_scored(ngi_store *s, ngi_err err,
					  long long seq, ng_cursor **out);
ng_status ngi_query_evidence(ngi_store *s, ngi_err err, long long copy_seq,
			     long long original_seq, ng_cursor **out);

/* Articles (query_articles.c). */
ng_status ngi_query_articles(ngi_store *s, ngi_err err, ng_cursor **out);
/* One article (prefetched: NG_ERR_NOTFOUND when none). */
ng_status ngi_query_article(ngi_store *s, ngi_err err, const char *id,
			    ng_cursor **out);
/* One column, body (prefetched: NG_ERR_NOTFOUND when none). */
ng_status ngi_query_article_body(ngi_store *s, ngi_err err, const char *id,
				 ng_cursor **out);
ng_status ngi_query_article_mentions(ngi_store *s, ngi_err err, long long seq,
				     ng_cursor **out);
ng_status ngi_query_article_dates(ngi_store *s, ngi_err err, long long seq,
				  ng_cursor **out);

/* Entities (query_entities.c). */
ng_status ngi_query_entities(ngi_store *s, ngi_err err,
			     const ng_entity_filter *f, ng_cursor **out);
ng_status ngi_query_entity_variants(ngi_store *s, ngi_err err,
				    const char *type, const char *key,
				    ng_cursor **out);
ng_status ngi_query_entity_mentions(ngi_store *s, ngi_err err,
				    const char *type, const char *key,
				    ng_cursor **out);

/* Who said what (query_said.c). f holds every field of its filter. */
ng_status ngi_query_quotes(ngi_store *s, ngi_err err, const ng_said_filter *f,
			   ng_cursor **out);
ng_status ngi_query_quote_groups(ngi_store *s, ngi_err err,
				 const ng_said_filter *f, ng_cursor **out);
ng_status ngi_query_article_quotes(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out);
ng_status ngi_query_claims(ngi_store *s, ngi_err err, const ng_said_filter *f,
			   ng_cursor **out);
ng_status ngi_query_article_claims(ngi_store *s, ngi_err err, long long seq,
				   ng_cursor **out);
ng_status ngi_query_article_responses(ngi_store *s, ngi_err err, long long seq,
				      ng_cursor **out);
ng_status ngi_query_article_stances(ngi_store *s, ngi_err err, long long seq,
				    ng_cursor **out);
ng_status ngi_query_claim_reports(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out);
ng_status ngi_query_claim_responses(ngi_store *s, ngi_err err, long long claim,
				    ng_cursor **out);
ng_status ngi_query_claim_stances(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out);
ng_status ngi_query_claim_stories(ngi_store *s, ngi_err err, long long claim,
				  ng_cursor **out);
/* NG_OK when claim is stored, else NG_ERR_NOTFOUND ("no claim N"). */
ng_status ngi_query_claim_exists(ngi_store *s, ngi_err err, long long claim);
ng_status ngi_query_timeline(ngi_store *s, ngi_err err, long long story,
			     int thread, ng_cursor **out);
/* The other stories of a story's thread. Columns: 0 story, 1 claims,
 * 2 quote_groups (int: shared with it). */
ng_status ngi_query_thread_stories(ngi_store *s, ngi_err err, long long story,
				   ng_cursor **out);

#endif
