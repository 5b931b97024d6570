/*
 * test_fetch_schedule.c: the fetcher's timing rules as pure functions
 * (src/read/fetch.h): retry back-off, the per-host delay raised by
 * Crawl-delay and capped, when a host may start again, a feed's next poll
 * after failures; which outcomes are tried again later; and the URL
 * helpers (resolving links, origin and path).
 */
#include "check.h"
#include "read/fetch.h"

static void test_backoff(void)
{
	static const struct {
		int attempt;
		double base, cap, want;
	} t[] = {
		{0, 1, 60, 0},  {1, 1, 60, 1},  {2, 1, 60, 2},   {3, 1, 60, 4},
		{4, 1, 60, 8},  {7, 1, 60, 60}, {40, 1, 60, 60}, {1, 0.5, 60, 0.5},
		{3, 0.5, 60, 2}, {2, 0, 60, 0}, {1, 5, 3, 3},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(t); i++)
		CHECK_MSG(ngi_fetch_backoff(t[i].attempt, t[i].base, t[i].cap) ==
				  t[i].want,
			  "backoff(%d, %g, %g) = %g, want %g", t[i].attempt,
			  t[i].base, t[i].cap,
			  ngi_fetch_backoff(t[i].attempt, t[i].base, t[i].cap),
			  t[i].want);
}

static void test_host_delay(void)
{
	CHECK(ngi_fetch_host_delay(1, -1) == 1);       /* no Crawl-delay */
	CHECK(ngi_fetch_host_delay(1, 3) == 3);        /* raised */
	CHECK(ngi_fetch_host_delay(5, 3) == 5);        /* never lowered */
	CHECK(ngi_fetch_host_delay(0, 0.5) == 0.5);
	CHECK(ngi_fetch_host_delay(1, 1e9) == NGI_FETCH_MAX_CRAWL_DELAY);
	CHECK(ngi_fetch_host_delay(-2, -1) == 0);
	CHECK(ngi_fetch_host_ready(100, 0, 5) == 0);   /* never started */
	CHECK(ngi_fetch_host_ready(100, 1, 5) == 105);
	CHECK(ngi_fetch_host_ready(100, 1, 0) == 100);
}

static void test_next_poll(void)
{
	CHECK(ngi_fetch_next_poll(1000, 900, 0, 86400) == 1900);
	CHECK(ngi_fetch_next_poll(1000, 900, 1, 86400) == 2800);
	CHECK(ngi_fetch_next_poll(1000, 900, 3, 86400) == 1000 + 7200);
	CHECK(ngi_fetch_next_poll(1000, 900, 30, 86400) == 1000 + 86400);
	CHECK(ngi_fetch_next_poll(1000, 0, 5, 86400) == 1000);
	CHECK(ngi_fetch_next_poll(1000, 100000, 0, 86400) == 1000 + 86400);
}

static void test_transient(void)
{
	CHECK(ngi_fetch_transient(NGI_FETCH_HTTP_ERROR, 500));
	CHECK(ngi_fetch_transient(NGI_FETCH_HTTP_ERROR, 503));
	CHECK(ngi_fetch_transient(NGI_FETCH_HTTP_ERROR, 429));
	CHECK(!ngi_fetch_transient(NGI_FETCH_HTTP_ERROR, 404));
	CHECK(!ngi_fetch_transient(NGI_FETCH_HTTP_ERROR, 403));
	CHECK(ngi_fetch_transient(NGI_FETCH_TIMEOUT, 0));
	CHECK(ngi_fetch_transient(NGI_FETCH_NETWORK, 0));
	CHECK(ngi_fetch_transient(NGI_FETCH_DEFERRED, 0));
	CHECK(!ngi_fetch_transient(NGI_FETCH_TOOBIG, 200));
	CHECK(!ngi_fetch_transient(NGI_FETCH_REDIRECT_LOOP, 301));
	CHECK(!ngi_fetch_transient(NGI_FETCH_DISALLOWED, 0));
	CHECK(!ngi_fetch_transient(NGI_FETCH_OK, 200));
}

static void test_urls(void)
{
	static const struct {
		const char *base, *ref, *want;
	} t[] = {
		{"http://a.test/feed.xml", "/x.html", "http://a.test/x.html"},
		{"http://a.test/d/feed.xml", "y.html", "http://a.test/d/y.html"},
		{"http://a.test/d/feed.xml", "https://b.test/z", "https://b.test/z"},
		{"http://a.test/feed.xml", "/x.html#part", "http://a.test/x.html"},
		{"http://a.test/", "../../up", "http://a.test/up"},
		{NULL, "ftp://a.test/x", NULL},
		{NULL, "file:///etc/passwd", NULL},
		{"http://a.test/", "javascript:alert(1)", NULL},
		{NULL, "not a url", NULL},
		{"http://a.test/", "", NULL},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(t); i++) {
		ngi_arena a;
		ngi_arena_init(&a, 0);
		CHECK_STR(ngi_url_resolve(t[i].base, t[i].ref, &a), t[i].want);
		ngi_arena_free(&a);
	}
	ngi_arena a;
	ngi_arena_init(&a, 0);
	const char *origin = NULL, *path = NULL;
	CHECK(ngi_url_split("http://Example.test:8080/a/b?c=1#f", &a, &origin,
			    &path) == NG_OK);
	CHECK_STR(origin, "http://example.test:8080");
	CHECK_STR(path, "/a/b?c=1");
	CHECK(ngi_url_split("https://example.test", &a, &origin, &path) == NG_OK);
	CHECK_STR(origin, "https://example.test:443");
	CHECK_STR(path, "/");
	CHECK(ngi_url_split("gopher://x/", &a, &origin, &path) == NG_ERR_INPUT);
	ngi_arena_free(&a);
}

int main(void)
{
	test_backoff();
	test_host_delay();
	test_next_poll();
	test_transient();
	test_urls();
	return check_report("fetch_schedule");
}
