/*
 * query_cursor.c: the cursor every read of the store goes through (the
 * public ng_cursor of include/newsgraph.h), and the look-ups the public
 * openers make first (does this article, this story exist).
 *
 * A cursor is one prepared statement, taken from the store's idle
 * statements when one was prepared from the same SQL before and handed
 * back (reset) when the cursor closes. Every step is checked: a loop ends on
 * SQLITE_DONE, anything else ends the cursor with NG_ERR_DB (or
 * NG_ERR_NOMEM) and SQLite's message in the engine's buffer, so a damaged
 * file never reads as "no more rows". A getter whose conversion runs out of
 * memory marks the cursor, and the next step reports it.
 */
#include "query_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ng_status ngi_query_fail(sqlite3 *db, ngi_err err, const char *what)
{
	int code = sqlite3_errcode(db);
	if (err.msg && err.size)
		snprintf(err.msg, err.size, "%s: %s", what, sqlite3_errmsg(db));
	return code == SQLITE_NOMEM ? NG_ERR_NOMEM : NG_ERR_DB;
}

ng_status ngi_cursor_new(ngi_store *s, ngi_err err, const char *sql,
			 ng_cursor **out)
{
	ng_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		snprintf(err.msg, err.size, "out of memory opening a query");
		return NG_ERR_NOMEM;
	}
	c->err = err;
	c->store = s;
	c->stmt = ngi_store_take_idle(s, sql);
	if (c->stmt) {
		*out = c;
		return NG_OK;
	}
	sqlite3 *db = ngi_store_db(s);
	if (sqlite3_prepare_v2(db, sql, -1, &c->stmt, NULL) != SQLITE_OK) {
		ng_status st = ngi_query_fail(db, err, "reading the database");
		sqlite3_finalize(c->stmt);
		free(c);
		return st;
	}
	*out = c;
	return NG_OK;
}

static void bind_result(ng_cursor *c, int rc)
{
	if (rc != SQLITE_OK && !c->status)
		c->status = ngi_query_fail(sqlite3_db_handle(c->stmt), c->err,
					   "reading the database");
}

void ngi_cursor_bind_text(ng_cursor *c, int i, const char *v)
{
	bind_result(c, v ? sqlite3_bind_text(c->stmt, i, v, -1, SQLITE_TRANSIENT)
			 : sqlite3_bind_null(c->stmt, i));
}

void ngi_cursor_bind_int64(ng_cursor *c, int i, long long v)
{
	bind_result(c, sqlite3_bind_int64(c->stmt, i, v));
}

ng_status ngi_cursor_bound(ng_cursor *c, ng_cursor **out)
{
	ng_status st = c->status;
	if (st) {
		ng_cursor_close(c);
		return st;
	}
	*out = c;
	return NG_OK;
}

ng_status ngi_cursor_open_int64(ngi_store *s, ngi_err err, const char *sql,
				long long v, ng_cursor **out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, sql, &c);
	if (st)
		return st;
	ngi_cursor_bind_int64(c, 1, v);
	return ngi_cursor_bound(c, out);
}

ng_status ngi_cursor_rebind(ng_cursor *c, int n, const long long *values)
{
	if (!c)
		return NG_ERR_USAGE;
	sqlite3_reset(c->stmt); /* returns the last step's error: already reported */
	c->status = NG_OK;
	c->row = c->prefetched = 0;
	for (int i = 0; i < n; i++)
		ngi_cursor_bind_int64(c, i + 1, values[i]);
	return c->status;
}

ng_status ngi_cursor_prefetch(ng_cursor *c)
{
	ng_status st = ng_cursor_step(c);
	if (st == NG_ROW) {
		c->prefetched = 1;
		c->row = 0; /* the caller's first step hands the row out */
		return NG_OK;
	}
	ng_cursor_close(c);
	return st == NG_DONE ? NG_ERR_NOTFOUND : st;
}

ng_status ng_cursor_step(ng_cursor *c)
{
	if (!c)
		return NG_ERR_USAGE;
	if (c->prefetched && !c->status) {
		c->prefetched = 0;
		c->row = 1;
		return NG_ROW;
	}
	c->row = 0;
	if (c->status)
		return c->status;
	int rc = sqlite3_step(c->stmt);
	if (rc == SQLITE_ROW) {
		c->row = 1;
		return NG_ROW;
	}
	if (rc == SQLITE_DONE)
		c->status = NG_DONE;
	else
		c->status = ngi_query_fail(sqlite3_db_handle(c->stmt), c->err,
					   "reading the database");
	return c->status;
}

int ng_cursor_column_count(const ng_cursor *c)
{
	return c ? sqlite3_column_count(c->stmt) : 0;
}

const char *ng_cursor_column_name(const ng_cursor *c, int i)
{
	if (!c || i < 0 || i >= sqlite3_column_count(c->stmt))
		return NULL;
	return sqlite3_column_name(c->stmt, i);
}

int ng_cursor_column_index(const ng_cursor *c, const char *name)
{
	int n = ng_cursor_column_count(c);
	for (int i = 0; name && i < n; i++) {
		const char *col = sqlite3_column_name(c->stmt, i);
		if (col && !strcmp(col, name))
			return i;
	}
	return -1;
}

static int readable(const ng_cursor *c, int i)
{
	return c && c->row && i >= 0 && i < sqlite3_column_count(c->stmt);
}

ng_type ng_cursor_column_type(ng_cursor *c, int i)
{
	if (!readable(c, i))
		return NG_TYPE_NULL;
	switch (sqlite3_column_type(c->stmt, i)) {
	case SQLITE_INTEGER: return NG_TYPE_INT;
	case SQLITE_FLOAT: return NG_TYPE_FLOAT;
	case SQLITE_NULL: return NG_TYPE_NULL;
	default: return NG_TYPE_TEXT; /* the store holds no blobs in columns read */
	}
}

/* A getter's conversion ran out of memory: the next step says so. */
static void lost(ng_cursor *c)
{
	if (!c->status) {
		snprintf(c->err.msg, c->err.size,
			 "out of memory reading a column of the database");
		c->status = NG_ERR_NOMEM;
	}
}

const char *ng_cursor_column_text(ng_cursor *c, int i)
{
	if (!readable(c, i))
		return NULL;
	int type = sqlite3_column_type(c->stmt, i);
	const char *s = (const char *)sqlite3_column_text(c->stmt, i);
	if (!s && type != SQLITE_NULL)
		lost(c);
	return s;
}

size_t ng_cursor_column_bytes(ng_cursor *c, int i)
{
	if (!readable(c, i))
		return 0;
	/* after _text, as SQLite advises: the length of the text form */
	if (!ng_cursor_column_text(c, i))
		return 0;
	return (size_t)sqlite3_column_bytes(c->stmt, i);
}

long long ng_cursor_column_int64(ng_cursor *c, int i)
{
	return readable(c, i) ? sqlite3_column_int64(c->stmt, i) : 0;
}

double ng_cursor_column_double(ng_cursor *c, int i)
{
	return readable(c, i) ? sqlite3_column_double(c->stmt, i) : 0.0;
}

void ng_cursor_close(ng_cursor *c)
{
	if (!c)
		return;
	if (c->stmt)
		ngi_store_give_idle(c->store, c->stmt);
	free(c);
}

char *ngi_like_pattern(const char *text, ng_status *st)
{
	*st = NG_OK;
	if (!text)
		return NULL;
	size_t n = strlen(text);
	char *p = malloc(2 * n + 3);
	if (!p) {
		*st = NG_ERR_NOMEM;
		return NULL;
	}
	size_t k = 0;
	p[k++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			p[k++] = '\\';
		p[k++] = text[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

/* Runs a look-up of one row with one parameter (text v, or integer iv when
 * v is NULL): NG_OK and column 0 in *out, NG_ERR_NOTFOUND, or the error. */
static ng_status lookup(ngi_store *s, ngi_err err, const char *sql,
			const char *v, long long iv, long long *out)
{
	ng_cursor *c;
	ng_status st = ngi_cursor_new(s, err, sql, &c);
	if (st)
		return st;
	if (v)
		ngi_cursor_bind_text(c, 1, v);
	else
		ngi_cursor_bind_int64(c, 1, iv);
	st = ng_cursor_step(c);
	if (st == NG_ROW) {
		*out = ng_cursor_column_int64(c, 0);
		st = NG_OK;
	} else if (st == NG_DONE) {
		st = NG_ERR_NOTFOUND;
	}
	ng_cursor_close(c);
	return st;
}

ng_status ngi_query_article_seq(ngi_store *s, ngi_err err, const char *id,
				long long *seq)
{
	ng_status st = lookup(s, err, "SELECT seq FROM articles WHERE id = ?1", id,
			      0, seq);
	if (st == NG_ERR_NOTFOUND)
		snprintf(err.msg, err.size, "no article \"%s\"", id);
	return st;
}

ng_status ngi_query_story_exists(ngi_store *s, ngi_err err, long long story)
{
	long long one;
	ng_status st = lookup(s, err, "SELECT 1 FROM stories WHERE id = ?1", NULL,
			      story, &one);
	if (st == NG_ERR_NOTFOUND)
		snprintf(err.msg, err.size, "no story %lld", story);
	return st;
}
