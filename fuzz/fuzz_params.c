/*
 * fuzz_params.c: libFuzzer target of the HTTP server's pure checks
 * (src/serve/params.c, auth.c): URL unescaping, the UTF-8 gate, whole
 * numbers in a range, ISO dates, language codes, booleans, paging, route
 * patterns against a path, the Authorization header's bearer token and a
 * token file's content. The input is split at NUL-free '\n' into up to
 * four fields that each check takes in turn. A check that accepts must
 * give a value in range; one that refuses must say why in the buffer,
 * NUL-terminated, within its size.
 */
#include "fuzz.h"

#include "serve/guard.h"
#include "serve/params.h"

static const char *const patterns[] = {
	"/api/stories/{n}", "/api/stories/{n}/articles", "/api/articles/{*}",
	"/api/entities/{*}", "/story/{n}/{n}", "/{*}", "/api/search"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	if (!in)
		return 0;
	char *f[4] = {NULL, NULL, NULL, NULL};
	char *p = in;
	for (int i = 0; i < 4 && p; i++) {
		f[i] = p;
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
	}
	char msg[128];
	memset(msg, 'x', sizeof msg);
	long long v = -7;
	const char *why = ngs_param_int("n", f[0], 1, 1000, &v, msg, sizeof msg);
	FUZZ_CHECK(why ? memchr(msg, '\0', sizeof msg) != NULL
		       : (v == -7 && !f[0]) || (v >= 1 && v <= 1000));
	why = ngs_param_date("since", f[0], msg, sizeof msg);
	FUZZ_CHECK(!why || memchr(msg, '\0', sizeof msg));
	why = ngs_param_lang("lang", f[1], msg, sizeof msg);
	FUZZ_CHECK(!why || memchr(msg, '\0', sizeof msg));
	int b = 5;
	why = ngs_param_bool("x", f[1], &b, msg, sizeof msg);
	FUZZ_CHECK(why || b == 5 || b == 0 || b == 1);
	ngs_paging pg = {-1, -1};
	why = ngs_paging_parse(f[0], f[1], f[2], &pg, msg, sizeof msg);
	if (!why)
		FUZZ_CHECK(pg.offset >= 0 && pg.limit >= 1 &&
			   pg.limit <= NGS_MAX_LIMIT);
	long long nums[2] = {0, 0};
	const char *rest = NULL;
	char *path = strdup(f[0]);
	if (path) {
		size_t n = ngs_unescape(path);
		FUZZ_CHECK(n <= strlen(f[0]) && path[n] == '\0');
		if (ngs_text_ok(path, n))
			FUZZ_CHECK(ngi_utf8_valid_prefix(path, n) == n);
		for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
			int r = ngs_route_match(patterns[i], path, nums, &rest);
			FUZZ_CHECK(r >= -1 && r <= 1);
			if (r == 1 && strstr(patterns[i], "{n}"))
				FUZZ_CHECK(nums[0] >= 1);
			if (r == 1 && strstr(patterns[i], "{*}"))
				FUZZ_CHECK(rest && rest[0]);
		}
		free(path);
	}
	size_t tn = 0;
	const char *tok = ngs_bearer(f[3] ? f[3] : f[0], &tn);
	ngs_token t;
	memset(&t, 0, sizeof t);
	if (!ngs_token_set(&t, f[2] ? f[2] : in, strlen(f[2] ? f[2] : in)) &&
	    tok)
		(void)ngs_token_equal(&t, tok, tn);
	free(in);
	return 0;
}
