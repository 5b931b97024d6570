/*
 * fuzz_robots.c: libFuzzer target of the robots.txt reader that `watch`
 * obeys (src/read/robots.c): the file is parsed for the agent
 * "newsgraph", then a few paths are asked about. The input's last line,
 * when it starts with '/', is one more path to ask about (so the fuzzer
 * tries paths against its own rules); ngi_robots_match is also run on
 * every rule against that path. Promises: every rule has a pattern of the
 * length it says, the crawl delay is negative (none) or finite and not
 * negative, "/robots.txt" is always allowed, and the deciding rule is one
 * of the rules.
 */
#include "fuzz.h"

#include <math.h>

#include "read/robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* the last line, when it is a path */
	size_t last = size;
	while (last > 0 && text[last - 1] != '\n')
		last--;
	char path[512] = "/";
	if (last < size && text[last] == '/') {
		size_t n = size - last < sizeof path - 1 ? size - last : sizeof path - 1;
		memcpy(path, text + last, n);
		path[n] = '\0';
	}
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_robots r;
	memset(&r, 0, sizeof r);
	ng_status st = ngi_robots_parse(text, size, "newsgraph", &a, &r);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
	if (st == NG_OK) {
		FUZZ_CHECK(r.crawl_delay < 0 ||
			   (isfinite(r.crawl_delay) && r.crawl_delay >= 0));
		for (size_t i = 0; i < r.n_rules; i++) {
			FUZZ_CHECK(r.rules[i].pattern);
			FUZZ_CHECK(strlen(r.rules[i].pattern) == r.rules[i].len);
			FUZZ_CHECK(r.rules[i].allow == 0 || r.rules[i].allow == 1);
			(void)ngi_robots_match(r.rules[i].pattern, r.rules[i].len,
					       path, strlen(path));
		}
		static const char *const asked[] = {"/", "/robots.txt",
						    "/news/2024/a.html?x=1",
						    "/private/", "/%7Euser/"};
		for (size_t k = 0; k < sizeof asked / sizeof *asked + 1; k++) {
			const char *p = k < sizeof asked / sizeof *asked ? asked[k] : path;
			const ngi_robots_rule *rule = NULL;
			int ok = ngi_robots_allowed(&r, p, &rule);
			FUZZ_CHECK(ok == 0 || ok == 1);
			if (rule)
				FUZZ_CHECK(rule >= r.rules && rule < r.rules + r.n_rules);
			if (!strcmp(p, "/robots.txt"))
				FUZZ_CHECK(ok == 1);
		}
	}
	ngi_arena_free(&a);
	return 0;
}
