/*
 * test_serve.c: the HTTP server's pure parts (src/serve/params.h,
 * guard.h): URL unescaping (%00 turned into a byte UTF-8 refuses), the
 * UTF-8 gate, numbers, dates, language codes, paging and its caps, route
 * patterns, the write token (trimming, rules, comparison of equal and
 * unequal tokens of every length class, the Bearer header) and the rate
 * limiter's buckets (burst, refill, Retry-After, separate clients, a full
 * table). tests/serve_test.sh drives the whole server.
 */
#include "../src/serve/guard.h"
#include "../src/serve/params.h"

#include <stdlib.h>

#include "check.h"

static void test_unescape(void)
{
	static const struct {
		const char *in, *out;
		int text_ok;
	} cases[] = {
		{"abc", "abc", 1},
		{"a%2Fb", "a/b", 1},
		{"%41%42", "AB", 1},
		{"%e2%80%94", "\xe2\x80\x94", 1},
		{"100%", "100%", 1},      /* a lone % stays */
		{"%zz", "%zz", 1},        /* not hex: stays */
		{"%4", "%4", 1},
		{"a%00b", "a\xff" "b", 0}, /* NUL: a byte UTF-8 refuses */
		{"%ff", "\xff", 0},
		{"%c3%28", "\xc3(", 0},    /* a broken sequence */
		{"%ed%a0%80", "\xed\xa0\x80", 0}, /* a surrogate */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", cases[i].in);
		size_t n = ngs_unescape(buf);
		CHECK_STR(buf, cases[i].out);
		CHECK(n == strlen(cases[i].out));
		CHECK_MSG(ngs_text_ok(buf, n) == cases[i].text_ok, "text_ok of %s",
			  cases[i].in);
	}
}

static void test_params(void)
{
	char msg[256];
	long long v = -7;
	CHECK(ngs_param_int("n", NULL, 0, 10, &v, msg, sizeof msg) == NULL && v == -7);
	CHECK(ngs_param_int("n", "5", 0, 10, &v, msg, sizeof msg) == NULL && v == 5);
	static const char *bad_ints[] = {"", "x", "5x", " 5", "+5", "-1", "11",
					 "99999999999999999999", "1e3", "0x10"};
	for (size_t i = 0; i < sizeof bad_ints / sizeof *bad_ints; i++) {
		v = -7;
		const char *m = ngs_param_int("n", bad_ints[i], 0, 10, &v, msg, sizeof msg);
		CHECK_MSG(m && v == -7, "\"%s\" is refused", bad_ints[i]);
		CHECK(m && strncmp(m, "n must be", 9) == 0);
	}
	static const struct {
		const char *date;
		int ok;
	} dates[] = {{"2024", 1}, {"2024-02", 1}, {"2024-02-29", 1}, {"2023-02-29", 0},
		     {"2024-13", 0}, {"2024-00-10", 0}, {"2024-04-31", 0}, {"24-01-01", 0},
		     {"2024-1-01", 0}, {"2024-01-01T00:00", 0}, {"abcd", 0}, {"", 0},
		     {"1900-02-29", 0}, {"2000-02-29", 1}};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		CHECK_MSG((ngs_param_date("from", dates[i].date, msg, sizeof msg) == NULL) ==
				  dates[i].ok, "date %s", dates[i].date);
	CHECK(ngs_param_lang("lang", "de", msg, sizeof msg) == NULL);
	CHECK(ngs_param_lang("lang", "und", msg, sizeof msg) == NULL);
	CHECK(ngs_param_lang("lang", "DE", msg, sizeof msg) != NULL);
	CHECK(ngs_param_lang("lang", "de'--", msg, sizeof msg) != NULL);
	CHECK(ngs_param_lang("lang", "d", msg, sizeof msg) != NULL);
	int b = 5;
	CHECK(ngs_param_bool("thread", "1", &b, msg, sizeof msg) == NULL && b == 1);
	CHECK(ngs_param_bool("thread", "false", &b, msg, sizeof msg) == NULL && b == 0);
	CHECK(ngs_param_bool("thread", "2", &b, msg, sizeof msg) != NULL);
}

static void test_paging(void)
{
	char msg[256];
	static const struct {
		const char *page, *offset, *limit;
		long long want_offset, want_limit; /* -1: refused */
	} cases[] = {
		{NULL, NULL, NULL, 0, NGS_DEFAULT_LIMIT},
		{NULL, "30", "10", 30, 10},
		{"3", NULL, "10", 20, 10},
		{"1", NULL, NULL, 0, NGS_DEFAULT_LIMIT},
		{NULL, NULL, "1000", 0, 1000},
		{NULL, NULL, "1001", -1, -1},  /* past the hard maximum */
		{NULL, NULL, "0", -1, -1},
		{NULL, "-1", NULL, -1, -1},    /* negative */
		{"0", NULL, NULL, -1, -1},
		{"-2", NULL, NULL, -1, -1},
		{"2", "10", NULL, -1, -1},     /* both */
		{"x", NULL, NULL, -1, -1},
		{"99999999999999", NULL, "1000", -1, -1}, /* an offset past 2^63 */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ngs_paging p = {-5, -5};
		const char *m = ngs_paging_parse(cases[i].page, cases[i].offset,
						 cases[i].limit, &p, msg, sizeof msg);
		if (cases[i].want_limit < 0)
			CHECK_MSG(m != NULL && p.limit == -5, "paging case %zu refused", i);
		else
			CHECK_MSG(!m && p.offset == cases[i].want_offset &&
					  p.limit == cases[i].want_limit,
				  "paging case %zu: %lld %lld", i, p.offset, p.limit);
	}
}

static void test_routes(void)
{
	long long nums[2] = {0, 0};
	const char *rest = NULL;
	CHECK(ngs_route_match("/api/stories", "/api/stories", nums, &rest) == 1);
	CHECK(ngs_route_match("/api/stories", "/api/stories/", nums, &rest) == 0);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/42", nums, &rest) == 1 &&
	      nums[0] == 42);
	CHECK(ngs_route_match("/api/stories/{n}/timeline", "/api/stories/7/timeline",
			      nums, &rest) == 1 && nums[0] == 7);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/7/timeline", nums, &rest) == 0);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/abc", nums, &rest) == -1);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/0", nums, &rest) == -1);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/-3", nums, &rest) == -1);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/9999999999999999999",
			      nums, &rest) == -1);
	CHECK(ngs_route_match("/api/stories/{n}", "/api/stories/", nums, &rest) == 0);
	CHECK(ngs_route_match("/api/articles/{*}", "/api/articles/http://x.org/a?b",
			      nums, &rest) == 1 && rest && !strcmp(rest, "http://x.org/a?b"));
	CHECK(ngs_route_match("/api/articles/{*}", "/api/articles/", nums, &rest) == 0);
	CHECK(ngs_route_match("/api/articles/{*}", "/api/articlesX", nums, &rest) == 0);
}

static void test_token(void)
{
	ngs_token t;
	CHECK(ngs_token_set(&t, "  0123456789abcdef0123\n", 23) == NULL && t.len == 20);
	CHECK(ngs_token_set(&t, "short", 5) != NULL);
	CHECK(ngs_token_set(&t, "0123456789 abcdef", 17) != NULL); /* inner space */
	char big[300];
	memset(big, 'a', sizeof big);
	CHECK(ngs_token_set(&t, big, sizeof big) != NULL);
	CHECK(ngs_token_set(&t, big, NGS_TOKEN_MAX) == NULL);
	CHECK(ngs_token_equal(&t, big, NGS_TOKEN_MAX));
	CHECK(!ngs_token_equal(&t, big, NGS_TOKEN_MAX - 1)); /* a prefix */
	CHECK(!ngs_token_equal(&t, big, sizeof big));        /* longer */

	const char *tok = "s3cret-token-0123456789";
	CHECK(ngs_token_set(&t, tok, strlen(tok)) == NULL);
	CHECK(ngs_token_equal(&t, tok, strlen(tok)));
	CHECK(!ngs_token_equal(&t, tok, strlen(tok) - 1));
	CHECK(!ngs_token_equal(&t, "s3cret-token-0123456780", 23)); /* last byte */
	CHECK(!ngs_token_equal(&t, "S3cret-token-0123456789", 23)); /* first byte */
	CHECK(!ngs_token_equal(&t, "", 0));
	/* a candidate that equals the token followed by zero bytes (the
	 * padding) is still refused: the lengths count */
	char padded[40] = "s3cret-token-0123456789";
	CHECK(!ngs_token_equal(&t, padded, 30));

	size_t n = 0;
	const char *b = ngs_bearer("Bearer abc", &n);
	CHECK(b && n == 3 && !strncmp(b, "abc", 3));
	b = ngs_bearer("bearer   abc  ", &n);
	CHECK(b && n == 3);
	CHECK(ngs_bearer("Basic abc", &n) == NULL);
	CHECK(ngs_bearer("Bearer ", &n) == NULL);
	CHECK(ngs_bearer(NULL, &n) == NULL);
}

static void test_ratelimit(void)
{
	ngs_ratelimit rl;
	CHECK(ngs_ratelimit_init(&rl, 2, 3, 16) == 0);
	unsigned char a[4] = {127, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	/* a burst of 3, then a wait of half a second (2 a second) */
	CHECK(ngs_ratelimit_take(&rl, a, 4, 100.0) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 100.0) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 100.0) == 0);
	double w = ngs_ratelimit_take(&rl, a, 4, 100.0);
	CHECK_MSG(w > 0.49 && w < 0.51, "wait %g", w);
	/* another client has its own bucket */
	CHECK(ngs_ratelimit_take(&rl, b, 4, 100.0) == 0);
	/* half a second later one token is back, not two */
	CHECK(ngs_ratelimit_take(&rl, a, 4, 100.5) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 100.5) > 0);
	/* a long idle refills to the burst, not past it */
	CHECK(ngs_ratelimit_take(&rl, a, 4, 1000.0) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 1000.0) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 1000.0) == 0);
	CHECK(ngs_ratelimit_take(&rl, a, 4, 1000.0) > 0);
	/* many more clients than slots: every one is served, none crashes */
	int refused = 0;
	for (unsigned i = 0; i < 5000; i++) {
		unsigned char k[16] = {0};
		memcpy(k, &i, sizeof i);
		refused += ngs_ratelimit_take(&rl, k, 16, 2000.0) > 0;
	}
	CHECK(refused == 0);
	ngs_ratelimit_free(&rl);
	/* rate 0: no limit */
	CHECK(ngs_ratelimit_init(&rl, 0, 0, 16) == 0);
	for (int i = 0; i < 100; i++)
		CHECK(ngs_ratelimit_take(&rl, a, 4, 1.0) == 0);
	ngs_ratelimit_free(&rl);
}

int main(void)
{
	test_unescape();
	test_params();
	test_paging();
	test_routes();
	test_token();
	test_ratelimit();
	return check_report("serve");
}
