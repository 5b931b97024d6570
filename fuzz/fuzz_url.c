/*
 * fuzz_url.c: libFuzzer target of the URLs `watch` follows
 * (src/read/fetch_url.c over libcurl's parser): the input is a base URL
 * and a link, split at the first newline (no newline: the link alone,
 * resolved against a fixed feed URL and against none). Promises: a
 * resolved URL is http or https, valid UTF-8 or ASCII as libcurl writes
 * it, and splits into an origin ("scheme://host[:port]", a prefix of the
 * URL up to the path) and a path that starts with '/'; a URL that does not
 * resolve is reported as NULL, not as a half URL.
 */
#include "fuzz.h"

#include <strings.h>

#include "read/fetch.h"

static void check_url(const char *u, ngi_arena *a)
{
	if (!u)
		return;
	FUZZ_CHECK(!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
	const char *origin = NULL, *path = NULL;
	ng_status st = ngi_url_split(u, a, &origin, &path);
	if (st == NG_OK) {
		FUZZ_CHECK(origin && path);
		FUZZ_CHECK(path[0] == '/');
		FUZZ_CHECK(!strncasecmp(origin, "http", 4));
		FUZZ_CHECK(strstr(origin, "://") != NULL);
	} else {
		FUZZ_CHECK(st == NG_ERR_INPUT || st == NG_ERR_NOMEM);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	if (!s)
		return 0;
	if (strlen(s) != size) { /* a C string cannot hold NUL */
		free(s);
		return 0;
	}
	char *nl = strchr(s, '\n');
	ngi_arena a;
	ngi_arena_init(&a, 0);
	if (nl) {
		*nl = '\0';
		check_url(ngi_url_resolve(s, nl + 1, &a), &a);
	} else {
		check_url(ngi_url_resolve("https://example.com/news/feed.xml", s, &a), &a);
		check_url(ngi_url_resolve(NULL, s, &a), &a);
	}
	ngi_arena_free(&a);
	free(s);
	return 0;
}
