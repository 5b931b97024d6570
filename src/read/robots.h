/*
 * robots.h: robots.txt (RFC 9309) as `watch` honours it.
 *
 * ngi_robots_parse reads a robots.txt and keeps the rules that apply to
 * one crawler: the groups whose User-agent line names its product token
 * (case-insensitively, "newsgraph" matches "User-agent: NewsGraph/1.0"),
 * all of them merged; when no group names it, the groups of
 * "User-agent: *"; when there are none, nothing (everything allowed).
 * Allow and Disallow take patterns where '*' matches any run of
 * characters and a final '$' anchors the end; the rule whose pattern is
 * longest wins, Allow on a tie. An empty Disallow forbids nothing. A
 * Crawl-delay in the chosen groups raises the delay between two requests
 * to the host (the fetcher caps it). Lines are "field: value", a '#'
 * starts a comment; lines that are not understood are skipped. Only the
 * first NGI_ROBOTS_MAX_BYTES are read and at most NGI_ROBOTS_MAX_RULES
 * rules kept, so a hostile file costs bounded time and memory.
 *
 * Pure: no I/O; everything lives in the caller's arena. Paths are matched
 * as they appear in the URL (path and query, percent-escapes as written).
 */
#ifndef NG_ROBOTS_H
#define NG_ROBOTS_H

#include "../base/base.h"

#define NGI_ROBOTS_MAX_BYTES ((size_t)512 << 10)
#define NGI_ROBOTS_MAX_RULES 10000

typedef struct ngi_robots_rule {
	const char *pattern; /* as written, NUL-terminated */
	size_t len;
	int allow;           /* 1 Allow, 0 Disallow */
} ngi_robots_rule;

typedef struct ngi_robots {
	const ngi_robots_rule *rules;
	size_t n_rules;
	double crawl_delay;  /* seconds; negative when none was given */
} ngi_robots;

/* Parses text[0..len) for the crawler whose product token is agent
 * ("newsgraph"). NG_OK, or NG_ERR_NOMEM (out untouched). */
ng_status ngi_robots_parse(const char *text, size_t len, const char *agent,
			   ngi_arena *a, ngi_robots *out);

/* Whether path ("/a/b.html?x=1": the URL's path and query) may be
 * fetched. *rule (when rule is not NULL) is the rule that decided, NULL
 * when none matched. "/robots.txt" is always allowed. */
int ngi_robots_allowed(const ngi_robots *r, const char *path,
		       const ngi_robots_rule **rule);

/* Whether pattern (robots.txt syntax: '*', a final '$') matches the start
 * of path (all of it with '$'). */
int ngi_robots_match(const char *pattern, size_t plen, const char *path,
		     size_t len);

#endif
