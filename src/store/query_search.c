/*
 * query_search.c: full-text search over article titles and bodies (SQLite
 * FTS5, the articles_fts index of store.c): the matching articles, best
 * first, with a snippet. The user's words become an FTS5 query in
 * fts_query.c. Columns as include/newsgraph.h documents ng_search_open.
 */
#include "query_int.h"

#include <stdlib.h>

/* The snippet is cut from the body (column 1): about 24 tokens around the
 * best match, the matched words between U+0002 and U+0003. */
static const char search_sql[] =
	"SELECT a.id AS article, a.story AS story, a.title AS title,"
	" a.lang AS lang, a.published AS published,"
	" snippet(articles_fts, 1, char(2), char(3), '…', 24) AS snippet,"
	" articles_fts.rank AS rank"
	" FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
	" WHERE articles_fts MATCH ?1"
	" ORDER BY articles_fts.rank, a.seq LIMIT ?2 OFFSET ?3";

ng_status ngi_query_search(ngi_store *s, ngi_err err, const char *query,
			   long long limit, long long offset, ng_cursor **out)
{
	ng_status st;
	char *match = ngi_fts_query(query, &st);
	if (st)
		return st;
	ng_cursor *c;
	st = ngi_cursor_new(s, err, search_sql, &c);
	if (!st) {
		/* no words: LIMIT 0, so the cursor has its columns and no
		 * row, and the MATCH is never run */
		ngi_cursor_bind_text(c, 1, match);
		ngi_cursor_bind_int64(c, 2, !match ? 0 : limit > 0 ? limit : -1);
		ngi_cursor_bind_int64(c, 3, offset > 0 ? offset : 0);
		st = ngi_cursor_bound(c, out);
	}
	free(match);
	return st;
}
