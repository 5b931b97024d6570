/*
 * query.c: what the public API answers about stored articles.
 *
 * Strings handed out come from the engine's query arena, reset at the start
 * of each query call: valid until the next call on the same engine.
 */
#include "engine.h"

#include <sqlite3.h>
#include <string.h>

static const char *dup_col(ng_engine *e, sqlite3_stmt *q, int col)
{
	const char *s = (const char *)sqlite3_column_text(q, col);
	return s ? ngi_arena_strdup(&e->query, s) : NULL;
}

static ng_status prepare(ng_engine *e, const char *sql, sqlite3_stmt **q)
{
	if (sqlite3_prepare_v2(ngi_store_db(e->store), sql, -1, q, NULL) != SQLITE_OK)
		return ngi_engine_fail(e, NG_ERR_DB, "query failed: %s",
				       sqlite3_errmsg(ngi_store_db(e->store)));
	return NG_OK;
}

ng_status ng_article_get(ng_engine *e, const char *article_id,
			 ng_article_info *out)
{
	if (!e || !article_id || !out)
		return NG_ERR_USAGE;
	ngi_arena_reset(&e->query);
	sqlite3_stmt *q;
	ng_status st = prepare(e,
			       "SELECT story, id, title, lang, published, published_source,"
			       " outlet, url, n_words, n_sentences, published_confidence"
			       " FROM articles WHERE id = ?",
			       &q);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, article_id, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		ng_article_info a = {
			.story = sqlite3_column_int64(q, 0),
			.id = dup_col(e, q, 1),
			.title = dup_col(e, q, 2),
			.lang = dup_col(e, q, 3),
			.published = dup_col(e, q, 4),
			.published_source = dup_col(e, q, 5),
			.outlet = dup_col(e, q, 6),
			.url = dup_col(e, q, 7),
			.n_words = sqlite3_column_int64(q, 8),
			.n_sentences = sqlite3_column_int64(q, 9),
			.published_confidence = sqlite3_column_double(q, 10)};
		*out = a;
	} else {
		st = ngi_engine_fail(e, NG_ERR_NOTFOUND, "no article \"%s\"", article_id);
	}
	sqlite3_finalize(q);
	return st;
}

ng_status ng_article_story(ng_engine *e, const char *article_id,
			   long long *story_out)
{
	ng_article_info a;
	ng_status st = ng_article_get(e, article_id, &a);
	if (!st)
		*story_out = a.story;
	return st;
}

ng_status ng_article_copies(ng_engine *e, const char *article_id,
			    ng_copy_info *out, int max, int *n_out)
{
	if (!e || !article_id || !n_out || (max > 0 && !out))
		return NG_ERR_USAGE;
	ngi_arena_reset(&e->query);
	sqlite3_stmt *q;
	/* both directions: edges where the article is the copy or the original */
	ng_status st = prepare(e,
			       "SELECT o.id, c.kind, c.score, 1 FROM articles a"
			       " JOIN copies c ON c.copy = a.seq"
			       " JOIN articles o ON o.seq = c.original WHERE a.id = ?1"
			       " UNION ALL "
			       "SELECT o.id, c.kind, c.score, 0 FROM articles a"
			       " JOIN copies c ON c.original = a.seq"
			       " JOIN articles o ON o.seq = c.copy WHERE a.id = ?1"
			       " ORDER BY 3 DESC, 1",
			       &q);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, article_id, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n < max)
			out[n] = (ng_copy_info){dup_col(e, q, 0), dup_col(e, q, 1),
						sqlite3_column_double(q, 2),
						sqlite3_column_int(q, 3)};
		n++;
	}
	sqlite3_finalize(q);
	*n_out = n;
	return NG_OK;
}

ng_status ng_article_text(ng_engine *e, const char *article_id,
			  const char **text, size_t *len)
{
	if (!e || !article_id || !text || !len)
		return NG_ERR_USAGE;
	ngi_arena_reset(&e->query);
	sqlite3_stmt *q;
	ng_status st = prepare(e, "SELECT body FROM articles WHERE id = ?", &q);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, article_id, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(q, 0);
		size_t n = (size_t)sqlite3_column_bytes(q, 0);
		char *copy = ngi_arena_strndup(&e->query, body ? body : "", body ? n : 0);
		if (copy) {
			*text = copy;
			*len = body ? n : 0;
		} else {
			st = NG_ERR_NOMEM;
		}
	} else {
		st = ngi_engine_fail(e, NG_ERR_NOTFOUND, "no article \"%s\"", article_id);
	}
	sqlite3_finalize(q);
	return st;
}

/* Runs sql (article id bound to ?1; rows in text order) and hands each row
 * to fill while there is room; counts them all. NG_ERR_NOTFOUND when the
 * article does not exist. */
static ng_status article_rows(ng_engine *e, const char *article_id,
			      const char *sql, void *out, int max, int *n_out,
			      void (*fill)(ng_engine *, sqlite3_stmt *, void *, int))
{
	if (!e || !article_id || !n_out || (max > 0 && !out))
		return NG_ERR_USAGE;
	ngi_arena_reset(&e->query);
	sqlite3_stmt *q;
	ng_status st = prepare(e, "SELECT 1 FROM articles WHERE id = ?", &q);
	if (st)
		return st;
	sqlite3_bind_text(q, 1, article_id, -1, SQLITE_STATIC);
	int exists = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_finalize(q);
	if (!exists)
		return ngi_engine_fail(e, NG_ERR_NOTFOUND, "no article \"%s\"", article_id);
	if ((st = prepare(e, sql, &q)))
		return st;
	sqlite3_bind_text(q, 1, article_id, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n < max)
			fill(e, q, out, n);
		n++;
	}
	sqlite3_finalize(q);
	*n_out = n;
	return NG_OK;
}

static void fill_mention(ng_engine *e, sqlite3_stmt *q, void *out, int i)
{
	((ng_mention_info *)out)[i] = (ng_mention_info){
		sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
		sqlite3_column_int64(q, 2), sqlite3_column_int64(q, 3),
		dup_col(e, q, 4), dup_col(e, q, 5), dup_col(e, q, 6),
		dup_col(e, q, 7)};
}

ng_status ng_article_mentions(ng_engine *e, const char *article_id,
			      ng_mention_info *out, int max, int *n_out)
{
	return article_rows(e, article_id,
			    "SELECT m.start, m.end, m.byte_start, m.byte_end, m.surface,"
			    " m.type, m.key, m.name FROM mentions m"
			    " JOIN articles a ON a.seq = m.article WHERE a.id = ?1"
			    " ORDER BY m.start",
			    out, max, n_out, fill_mention);
}

static void fill_date(ng_engine *e, sqlite3_stmt *q, void *out, int i)
{
	((ng_date_info *)out)[i] = (ng_date_info){
		sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1),
		sqlite3_column_int64(q, 2), sqlite3_column_int64(q, 3),
		dup_col(e, q, 4), dup_col(e, q, 5), dup_col(e, q, 6),
		dup_col(e, q, 7), dup_col(e, q, 8)};
}

ng_status ng_article_dates(ng_engine *e, const char *article_id,
			   ng_date_info *out, int max, int *n_out)
{
	return article_rows(e, article_id,
			    "SELECT d.start, d.end, d.byte_start, d.byte_end, d.surface,"
			    " d.value, d.type, d.granularity, d.anchor FROM dates d"
			    " JOIN articles a ON a.seq = d.article WHERE a.id = ?1"
			    " ORDER BY d.start",
			    out, max, n_out, fill_date);
}
