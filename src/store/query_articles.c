/*
 * query_articles.c: the article queries: every article, one article, its
 * body, its entity mentions and its dates. Columns as include/newsgraph.h
 * documents them (ng_articles_open and the openers after it).
 */
#include "query_int.h"

#include <stdio.h>

ng_status ngi_query_articles(ngi_store *s, ngi_err err, ng_cursor **out)
{
	return ngi_cursor_new(s, err,
			      "SELECT " NGI_ARTICLE_COLUMNS " FROM articles a ORDER BY a.seq",
			      out);
}

/* A one-row query on article id, stepped to its row. */
static ng_status by_id(ngi_store *s, ngi_err err, const char *sql,
		       const char *id, ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, sql, &c);
	if (st)
		return st;
	ngi_cursor_bind_text(c, 1, id);
	st = ngi_cursor_prefetch(c);
	if (st == NG_ERR_NOTFOUND)
		snprintf(err.msg, err.size, "no article \"%s\"", id);
	if (!st)
		*out = c;
	return st;
}

ng_status ngi_query_article(ngi_store *s, ngi_err err, const char *id,
			    ng_cursor **out)
{
	return by_id(s, err, "SELECT " NGI_ARTICLE_COLUMNS " FROM articles a WHERE a.id = ?1",
		     id, out);
}

ng_status ngi_query_article_body(ngi_store *s, ngi_err err, const char *id,
				 ng_cursor **out)
{
	return by_id(s, err, "SELECT body FROM articles WHERE id = ?1", id, out);
}

static ng_status by_seq(ngi_store *s, ngi_err err, const char *sql,
			long long seq, ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, sql, &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, seq);
	return ngi_cursor_bound(c, out);
}

ng_status ngi_query_article_mentions(ngi_store *s, ngi_err err, long long seq,
				     ng_cursor **out)
{
	return by_seq(s, err,
		      "SELECT start, end, byte_start, byte_end, surface AS text, type,"
		      " key, name FROM mentions WHERE article = ?1 ORDER BY start",
		      seq, out);
}

ng_status ngi_query_article_dates(ngi_store *s, ngi_err err, long long seq,
				  ng_cursor **out)
{
	return by_seq(s, err,
		      "SELECT start, end, byte_start, byte_end, surface AS text, value,"
		      " type, granularity, anchor FROM dates WHERE article = ?1"
		      " ORDER BY start",
		      seq, out);
}
