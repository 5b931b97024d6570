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
	return s ? ngx_arena_strdup(&e->query, s) : NULL;
}

static ng_status prepare(ng_engine *e, const char *sql, sqlite3_stmt **q)
{
	if (sqlite3_prepare_v2(ngx_store_db(e->store), sql, -1, q, NULL) != SQLITE_OK)
		return ngx_engine_fail(e, NG_ERR_DB, "query failed: %s",
				       sqlite3_errmsg(ngx_store_db(e->store)));
	return NG_OK;
}

ng_status ng_article_get(ng_engine *e, const char *article_id,
			 ng_article_info *out)
{
	if (!e || !article_id || !out)
		return NG_ERR_USAGE;
	ngx_arena_reset(&e->query);
	sqlite3_stmt *q;
	ng_status st = prepare(e,
			       "SELECT story, id, title, lang, published, published_source,"
			       " outlet, url, n_words, n_sentences FROM articles WHERE id = ?",
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
			.n_sentences = sqlite3_column_int64(q, 9)};
		*out = a;
	} else {
		st = ngx_engine_fail(e, NG_ERR_NOTFOUND, "no article \"%s\"", article_id);
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
	ngx_arena_reset(&e->query);
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
