/*
 * test_robots.c: the robots.txt parser and matcher (src/read/robots.h):
 * group selection (our product token, else "*", else nothing), merged
 * groups, longest-match precedence with Allow winning ties, '*' and '$'
 * patterns, empty Disallow, Crawl-delay, comments, CRLF and a BOM, junk
 * lines, rules before any User-agent, and the caps on hostile files.
 * Tables of {robots.txt, path, allowed}.
 */
#include <stdlib.h>

#include "check.h"
#include "read/robots.h"

typedef struct robots_case {
	const char *name;
	const char *txt;
	const char *path;
	int allowed;
} robots_case;

static const robots_case cases[] = {
	{"empty file allows", "", "/a", 1},
	{"star group disallows", "User-agent: *\nDisallow: /private/\n",
	 "/private/x.html", 0},
	{"star group: other path", "User-agent: *\nDisallow: /private/\n",
	 "/public/x.html", 1},
	{"prefix match", "User-agent: *\nDisallow: /priv\n", "/private", 0},
	{"case of the path matters", "User-agent: *\nDisallow: /Private\n",
	 "/private", 1},
	{"our group wins over star",
	 "User-agent: *\nDisallow: /\n\nUser-agent: newsgraph\nAllow: /\n",
	 "/news/a.html", 1},
	{"our group, case and version aside",
	 "User-agent: *\nAllow: /\n\nUser-agent: NewsGraph/0.3\nDisallow: /x\n",
	 "/x/y", 0},
	{"another bot's group is not ours",
	 "User-agent: otherbot\nDisallow: /\n", "/a", 1},
	{"a longer token is not ours",
	 "User-agent: newsgraphs\nDisallow: /\n", "/a", 1},
	{"longest match wins: allow",
	 "User-agent: *\nDisallow: /a/\nAllow: /a/b/\n", "/a/b/c", 1},
	{"longest match wins: disallow",
	 "User-agent: *\nAllow: /a/\nDisallow: /a/b/\n", "/a/b/c", 0},
	{"order does not matter",
	 "User-agent: *\nDisallow: /a/b/\nAllow: /a/\n", "/a/b/c", 0},
	{"tie goes to allow", "User-agent: *\nDisallow: /page\nAllow: /page\n",
	 "/page", 1},
	{"empty disallow forbids nothing", "User-agent: *\nDisallow:\n", "/a", 1},
	{"star in the middle", "User-agent: *\nDisallow: /*.pdf\n",
	 "/docs/x.pdf", 0},
	{"star: no match", "User-agent: *\nDisallow: /*.pdf\n", "/docs/x.html", 1},
	{"dollar anchors", "User-agent: *\nDisallow: /*.pdf$\n", "/x.pdf?y=1", 1},
	{"dollar anchors: end", "User-agent: *\nDisallow: /*.pdf$\n", "/x.pdf", 0},
	{"dollar on a plain path", "User-agent: *\nDisallow: /a$\n", "/ab", 1},
	{"query is matched", "User-agent: *\nDisallow: /*?print=\n",
	 "/a.html?print=1", 0},
	{"several stars", "User-agent: *\nDisallow: /*/*/secret\n",
	 "/a/b/c/secret/x", 0},
	{"groups of one agent merge",
	 "User-agent: newsgraph\nDisallow: /a\n\nUser-agent: x\nDisallow: /\n\n"
	 "User-agent: newsgraph\nDisallow: /b\n",
	 "/b/1", 0},
	{"agents share a group",
	 "User-agent: x\nUser-agent: newsgraph\nDisallow: /shared\n",
	 "/shared/1", 0},
	{"comments and blanks",
	 "# hello\nUser-agent: * # all\n\nDisallow: /c # no\n", "/c/d", 0},
	{"comment is not part of the pattern",
	 "User-agent: *\nDisallow: /c#x\n", "/c", 0},
	{"CRLF and BOM", "\xEF\xBB\xBFUser-agent: *\r\nDisallow: /crlf\r\n",
	 "/crlf", 0},
	{"fields are case-insensitive", "USER-AGENT: *\nDISALLOW: /u\n", "/u", 0},
	{"junk lines are skipped",
	 "User-agent: *\nthis is not a rule\nDisallow /nocolon\nDisallow: /j\n",
	 "/nocolon", 1},
	{"junk lines: the rule after still counts",
	 "User-agent: *\nthis is not a rule\nDisallow: /j\n", "/j", 0},
	{"rules before any user-agent are ignored",
	 "Disallow: /\nUser-agent: *\nDisallow: /x\n", "/a", 1},
	{"robots.txt itself is always allowed", "User-agent: *\nDisallow: /\n",
	 "/robots.txt", 1},
	{"disallow all", "User-agent: *\nDisallow: /\n", "/", 0},
	{"a rule after rules does not start a group",
	 "User-agent: newsgraph\nDisallow: /a\nAllow: /a/ok\n", "/a/ok/1", 1},
	{"sitemap lines are harmless",
	 "Sitemap: http://x/s.xml\nUser-agent: *\nDisallow: /s\n", "/s", 0},
};

static void test_table(void)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		const robots_case *c = &cases[i];
		ngi_arena a;
		ngi_arena_init(&a, 0);
		ngi_robots r;
		ng_status st = ngi_robots_parse(c->txt, strlen(c->txt), "newsgraph",
						&a, &r);
		CHECK_MSG(st == NG_OK, "%s: parse status %d", c->name, st);
		if (!st)
			CHECK_MSG(ngi_robots_allowed(&r, c->path, NULL) == c->allowed,
				  "%s: %s should be %s", c->name, c->path,
				  c->allowed ? "allowed" : "disallowed");
		ngi_arena_free(&a);
	}
}

static double delay_of(const char *txt)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_robots r;
	double d = -100;
	if (ngi_robots_parse(txt, strlen(txt), "newsgraph", &a, &r) == NG_OK)
		d = r.crawl_delay;
	ngi_arena_free(&a);
	return d;
}

static void test_crawl_delay(void)
{
	CHECK(delay_of("User-agent: *\nDisallow: /x\n") < 0);
	CHECK(delay_of("User-agent: *\nCrawl-delay: 5\n") == 5);
	CHECK(delay_of("User-agent: *\nCrawl-delay: 0.5\n") == 0.5);
	/* ours, not the star group's */
	CHECK(delay_of("User-agent: *\nCrawl-delay: 9\n\nUser-agent: newsgraph\n"
		       "Crawl-delay: 2\n") == 2);
	CHECK(delay_of("User-agent: other\nCrawl-delay: 9\n") < 0);
	/* not a number: ignored */
	CHECK(delay_of("User-agent: *\nCrawl-delay: soon\n") < 0);
	CHECK(delay_of("User-agent: *\nCrawl-delay: -3\n") < 0);
}

/* Line ends: CR alone ends a line as LF does (every rule of an old Mac
 * file counts, not only as many as it has LFs), and a NUL byte ends one
 * too, so no rule holds a NUL (found by fuzz/fuzz_robots.c). */
static void test_line_ends(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_robots r;
	const char *cr = "User-agent: *\rDisallow: /a\rDisallow: /b\rDisallow: /c\r";
	CHECK(ngi_robots_parse(cr, strlen(cr), "newsgraph", &a, &r) == NG_OK);
	CHECK(r.n_rules == 3);
	CHECK(!ngi_robots_allowed(&r, "/c/1", NULL));
	static const char nul[] = "User-agent: *\nDisallow: /private\0\1\0low: "
				  "/x\nDisallow: /y\n";
	CHECK(ngi_robots_parse(nul, sizeof nul - 1, "newsgraph", &a, &r) == NG_OK);
	CHECK(r.n_rules == 2);
	for (size_t i = 0; i < r.n_rules; i++)
		CHECK(strlen(r.rules[i].pattern) == r.rules[i].len);
	CHECK(!ngi_robots_allowed(&r, "/private/1", NULL));
	CHECK(!ngi_robots_allowed(&r, "/y", NULL));
	CHECK(ngi_robots_allowed(&r, "/x", NULL));
	ngi_arena_free(&a);
}

static void test_rule_named(void)
{
	const char *txt = "User-agent: *\nDisallow: /private/\n";
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_robots r;
	CHECK(ngi_robots_parse(txt, strlen(txt), "newsgraph", &a, &r) == NG_OK);
	const ngi_robots_rule *rule = NULL;
	CHECK(!ngi_robots_allowed(&r, "/private/a", &rule));
	CHECK(rule && !rule->allow);
	CHECK_STR(rule ? rule->pattern : NULL, "/private/");
	CHECK(ngi_robots_allowed(&r, "/open", &rule));
	CHECK(rule == NULL);
	ngi_arena_free(&a);
}

/* Hostile files: a file past the cap is read up to it; a pattern of many
 * stars against a long path ends quickly; too many rules are capped. */
static void test_caps(void)
{
	size_t n = NGI_ROBOTS_MAX_BYTES + 4096;
	char *big = malloc(n + 64);
	CHECK(big != NULL);
	if (!big)
		return;
	size_t len = (size_t)sprintf(big, "User-agent: *\n");
	while (len + 16 < n)
		len += (size_t)sprintf(big + len, "Disallow: /d%04zu\n", len % 10000);
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_robots r;
	CHECK(ngi_robots_parse(big, len, "newsgraph", &a, &r) == NG_OK);
	CHECK(r.n_rules <= NGI_ROBOTS_MAX_RULES);
	CHECK(r.n_rules > 0);
	ngi_arena_free(&a);

	char pat[4001], path[4001];
	for (int i = 0; i < 4000; i++) {
		pat[i] = (i % 2) ? '*' : 'a';
		path[i] = 'a';
	}
	pat[3999] = 'b';
	pat[4000] = path[4000] = 0;
	CHECK(!ngi_robots_match(pat, 4000, path, 4000));
	free(big);
}

int main(void)
{
	test_table();
	test_crawl_delay();
	test_rule_named();
	test_line_ends();
	test_caps();
	return check_report("robots");
}
