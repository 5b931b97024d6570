/*
 * test_watch_store.c: what `watch` remembers (src/store/store_watch.c): a
 * feed never polled is not found; its row round-trips, NULL validators
 * included, and is replaced; an item's state and failures round-trip and
 * change; the pending items of a feed (new, retry) come back in URL order
 * and no others; all of it survives closing and reopening the file.
 */
#include <stdlib.h>

#include "check.h"
#include "store/store.h"

typedef struct urls {
	char got[8][64];
	int n;
} urls;

static ng_status collect(void *ctx, const char *url)
{
	urls *u = ctx;
	if (u->n < 8)
		snprintf(u->got[u->n++], sizeof u->got[0], "%s", url);
	return NG_OK;
}

static void test_feeds(ngi_store *s)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_watch_feed_row r = {0};
	CHECK(ngi_store_watch_feed_get(s, "http://x.test/feed", &a, &r) ==
	      NG_ERR_NOTFOUND);
	ngi_watch_feed_row w = {"http://x.test/feed", "\"v1\"",
				"Tue, 01 Dec 2026 10:00:00 GMT", 1900, 0, 1000,
				200, NULL};
	CHECK(ngi_store_watch_feed_put(s, &w) == NG_OK);
	CHECK(ngi_store_watch_feed_get(s, "http://x.test/feed", &a, &r) == NG_OK);
	CHECK_STR(r.etag, "\"v1\"");
	CHECK_STR(r.last_modified, "Tue, 01 Dec 2026 10:00:00 GMT");
	CHECK(r.next_poll == 1900 && r.failures == 0 && r.last_polled == 1000);
	CHECK(r.last_status == 200);
	CHECK(r.last_error == NULL);
	/* replaced: validators gone, a failure */
	ngi_watch_feed_row w2 = {"http://x.test/feed", NULL, NULL, 5000, 2, 3000,
				 503, "HTTP 503 after 3 tries"};
	CHECK(ngi_store_watch_feed_put(s, &w2) == NG_OK);
	CHECK(ngi_store_watch_feed_get(s, "http://x.test/feed", &a, &r) == NG_OK);
	CHECK(r.etag == NULL && r.last_modified == NULL);
	CHECK(r.next_poll == 5000 && r.failures == 2 && r.last_status == 503);
	CHECK_STR(r.last_error, "HTTP 503 after 3 tries");
	ngi_arena_free(&a);
}

static void test_items(ngi_store *s)
{
	const char *state = NULL;
	int failures = -1;
	CHECK(ngi_store_watch_item_get(s, "http://x.test/a", &state, &failures) ==
	      NG_ERR_NOTFOUND);
	static const struct {
		const char *url, *state;
		int failures;
	} rows[] = {
		{"http://x.test/c", "new", 0},     {"http://x.test/a", "stored", 0},
		{"http://x.test/b", "retry", 1},   {"http://x.test/d", "failed", 1},
		{"http://x.test/e", "disallowed", 0},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_watch_item_row r = {rows[i].url, "http://x.test/feed",
					rows[i].state, NULL, rows[i].failures, NULL};
		CHECK(ngi_store_watch_item_put(s, &r, 1000) == NG_OK);
	}
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		CHECK(ngi_store_watch_item_get(s, rows[i].url, &state, &failures) ==
		      NG_OK);
		CHECK_STR(state, rows[i].state);
		CHECK(failures == rows[i].failures);
	}
	urls u = {0};
	CHECK(ngi_store_watch_each_pending(s, "http://x.test/feed", collect, &u) ==
	      NG_OK);
	CHECK(u.n == 2);
	CHECK_STR(u.got[0], "http://x.test/b");
	CHECK_STR(u.got[1], "http://x.test/c");
	/* another feed's items are not this one's */
	urls none = {0};
	CHECK(ngi_store_watch_each_pending(s, "http://y.test/feed", collect, &none) ==
	      NG_OK);
	CHECK(none.n == 0);
	/* the new item is stored: no longer pending */
	ngi_watch_item_row done = {"http://x.test/c", "http://x.test/feed", "stored",
				   "http://x.test/c", 0, NULL};
	CHECK(ngi_store_watch_item_put(s, &done, 2000) == NG_OK);
	CHECK(ngi_store_watch_item_get(s, "http://x.test/c", &state, &failures) ==
	      NG_OK);
	CHECK_STR(state, "stored");
	urls u2 = {0};
	CHECK(ngi_store_watch_each_pending(s, "http://x.test/feed", collect, &u2) ==
	      NG_OK);
	CHECK(u2.n == 1);
}

int main(void)
{
	const char *path = "/tmp/newsgraph-test-watch-store.db";
	check_remove_db(path);
	char err[512];
	ngi_store *s = NULL;
	CHECK(ngi_store_open(path, &s, err, sizeof err) == NG_OK);
	if (!s)
		return check_report("watch_store");
	test_feeds(s);
	test_items(s);
	ngi_store_close(s);
	/* reopened: all of it is still there */
	s = NULL;
	CHECK(ngi_store_open(path, &s, err, sizeof err) == NG_OK);
	if (s) {
		const char *state = NULL;
		int failures = 0;
		CHECK(ngi_store_watch_item_get(s, "http://x.test/b", &state,
					       &failures) == NG_OK);
		CHECK_STR(state, "retry");
		CHECK(failures == 1);
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_watch_feed_row r = {0};
		CHECK(ngi_store_watch_feed_get(s, "http://x.test/feed", &a, &r) == NG_OK);
		CHECK(r.failures == 2);
		ngi_arena_free(&a);
		ngi_store_close(s);
	}
	check_remove_db(path);
	return check_report("watch_store");
}
