/*
 * store_watch.c: what `watch` remembers across restarts (store.h, "watch";
 * docs/WATCH.md): the feeds' validators and schedule (watch_feeds) and the
 * item URLs seen with their state (watch_items). The rows are written
 * outside the ingest batches, each one its own statement: an item is
 * written "new" when its feed first lists it, and "stored" right after
 * the batch holding its article committed.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* store_int.h: store_watch.c owns the statement slots 24..31 */
enum {
	SW_FEED_GET = 24, SW_FEED_PUT, SW_ITEM_GET, SW_ITEM_PUT, SW_EACH_RETRY
};

static const char *const sql[] = {
	[SW_FEED_GET] = "SELECT etag, last_modified, next_poll, failures,"
			" last_polled, last_status, last_error"
			" FROM watch_feeds WHERE url = ?",
	[SW_FEED_PUT] = "INSERT OR REPLACE INTO watch_feeds(url, etag,"
			" last_modified, next_poll, failures, last_polled,"
			" last_status, last_error) VALUES(?,?,?,?,?,?,?,?)",
	[SW_ITEM_GET] = "SELECT state, failures FROM watch_items WHERE url = ?",
	[SW_ITEM_PUT] = "INSERT INTO watch_items(url, feed, state, article,"
			" failures, error, first_seen, updated)"
			" VALUES(?1,?2,?3,?4,?5,?6,?7,?7) ON CONFLICT(url) DO UPDATE"
			" SET feed = ?2, state = ?3, article = ?4, failures = ?5,"
			" error = ?6, updated = ?7",
	[SW_EACH_RETRY] = "SELECT url FROM watch_items WHERE feed = ?"
			  " AND state IN ('new', 'retry') ORDER BY url",
};

static sqlite3_stmt *stmt(ngi_store *s, int which)
{
	return ngi_store_stmt(s, which, sql[which]);
}

static void bind_str(sqlite3_stmt *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static const char *column_dup(sqlite3_stmt *q, int i, ngi_arena *a, int *oom)
{
	const char *v = (const char *)sqlite3_column_text(q, i);
	if (!v)
		return NULL;
	char *c = ngi_arena_strdup(a, v);
	if (!c)
		*oom = 1;
	return c;
}

static void finish(sqlite3_stmt *q)
{
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
}

ng_status ngi_store_watch_feed_get(ngi_store *s, const char *url, ngi_arena *a,
				   ngi_watch_feed_row *out)
{
	sqlite3_stmt *q = stmt(s, SW_FEED_GET);
	if (!q)
		return NG_ERR_DB;
	bind_str(q, 1, url);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE) {
		finish(q);
		return NG_ERR_NOTFOUND;
	}
	if (rc != SQLITE_ROW) {
		ng_status st = ngi_store_fail(s, "reading a watched feed");
		finish(q);
		return st;
	}
	int oom = 0;
	ngi_watch_feed_row r = {0};
	r.url = url;
	r.etag = column_dup(q, 0, a, &oom);
	r.last_modified = column_dup(q, 1, a, &oom);
	r.next_poll = sqlite3_column_int64(q, 2);
	r.failures = sqlite3_column_int(q, 3);
	r.last_polled = sqlite3_column_int64(q, 4);
	r.last_status = sqlite3_column_int(q, 5);
	r.last_error = column_dup(q, 6, a, &oom);
	finish(q);
	if (oom)
		return NG_ERR_NOMEM;
	*out = r;
	return NG_OK;
}

ng_status ngi_store_watch_feed_put(ngi_store *s, const ngi_watch_feed_row *r)
{
	sqlite3_stmt *q = stmt(s, SW_FEED_PUT);
	if (!q)
		return NG_ERR_DB;
	bind_str(q, 1, r->url);
	bind_str(q, 2, r->etag);
	bind_str(q, 3, r->last_modified);
	sqlite3_bind_int64(q, 4, r->next_poll);
	sqlite3_bind_int(q, 5, r->failures);
	if (r->last_polled)
		sqlite3_bind_int64(q, 6, r->last_polled);
	if (r->last_status)
		sqlite3_bind_int(q, 7, r->last_status);
	bind_str(q, 8, r->last_error);
	return ngi_store_step_done(s, q, "storing a watched feed");
}

/* The stored state as one of the static names. */
static const char *state_name(const char *v)
{
	static const char *const names[] = {"new", "stored", "failed",
					    "disallowed", "retry"};
	for (size_t i = 0; v && i < NGI_ARRAY_LEN(names); i++)
		if (!strcmp(v, names[i]))
			return names[i];
	return "retry"; /* an unknown state is looked at again */
}

ng_status ngi_store_watch_item_get(ngi_store *s, const char *url,
				   const char **state, int *failures)
{
	sqlite3_stmt *q = stmt(s, SW_ITEM_GET);
	if (!q)
		return NG_ERR_DB;
	bind_str(q, 1, url);
	int rc = sqlite3_step(q);
	ng_status st = NG_OK;
	if (rc == SQLITE_ROW) {
		*state = state_name((const char *)sqlite3_column_text(q, 0));
		*failures = sqlite3_column_int(q, 1);
	} else if (rc == SQLITE_DONE) {
		st = NG_ERR_NOTFOUND;
	} else {
		st = ngi_store_fail(s, "reading a watched item");
	}
	finish(q);
	return st;
}

ng_status ngi_store_watch_item_put(ngi_store *s, const ngi_watch_item_row *r,
				   long long now)
{
	sqlite3_stmt *q = stmt(s, SW_ITEM_PUT);
	if (!q)
		return NG_ERR_DB;
	bind_str(q, 1, r->url);
	bind_str(q, 2, r->feed);
	bind_str(q, 3, r->state);
	bind_str(q, 4, r->article);
	sqlite3_bind_int(q, 5, r->failures);
	bind_str(q, 6, r->error);
	sqlite3_bind_int64(q, 7, now);
	return ngi_store_step_done(s, q, "storing a watched item");
}

ng_status ngi_store_watch_each_pending(ngi_store *s, const char *feed,
				     ngi_store_url_fn fn, void *ctx)
{
	sqlite3_stmt *q = stmt(s, SW_EACH_RETRY);
	if (!q)
		return NG_ERR_DB;
	bind_str(q, 1, feed);
	ng_status st = NG_OK;
	int rc = SQLITE_DONE;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(q, 0);
		if (url)
			st = fn(ctx, url);
	}
	if (!st && rc != SQLITE_DONE)
		st = ngi_store_fail(s, "reading the items to retry");
	finish(q);
	return st;
}
