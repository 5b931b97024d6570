/*
 * api.c: the routes of the JSON API (docs/API.md): a table of method,
 * pattern and handler; an unknown path is a 404, a known path with another
 * method a 405 with Allow, a "{n}" that is not a number of 1 or more a 400.
 * GET /api/ answers with the version and the list of routes. Routes whose
 * queries can take seconds on a big database (related stories, a thread's
 * timeline, an entity's variants: docs/SERVE.md) are "heavy": at most
 * heavy_max run at once, so they never hold every worker thread; one past
 * it is answered 503 with Retry-After.
 */
#include "api.h"

#include <string.h>

typedef struct route {
	const char *method;
	const char *pattern;
	int (*handle)(ngs_call *x);
	int heavy;
} route;

/* More specific patterns first: "{*}" takes the rest of the path. */
static const route routes[] = {
	{"GET", "/api/stories", ngs_get_stories, 0},
	{"GET", "/api/stories/{n}", ngs_get_story, 1},
	{"GET", "/api/stories/{n}/articles", ngs_get_story_articles, 0},
	{"GET", "/api/stories/{n}/timeline", ngs_get_story_timeline, 1},
	{"GET", "/api/stories/{n}/copies", ngs_get_story_copies, 0},
	{"GET", "/api/stories/{n}/related", ngs_get_story_related, 1},
	{"GET", "/api/stories/{n}/claims", ngs_get_story_claims, 1},
	{"GET", "/api/copies/evidence", ngs_get_evidence, 0},
	{"GET", "/api/articles", ngs_get_articles, 0},
	{"POST", "/api/articles", ngs_post_articles, 0},
	{"GET", "/api/articles/{*}", ngs_get_article, 0},
	{"GET", "/api/search", ngs_get_search, 0},
	{"GET", "/api/entities", ngs_get_entities, 0},
	{"GET", "/api/entities/{*}", ngs_get_entity, 1},
	{"GET", "/api/quotes", ngs_get_quotes, 0},
	{"GET", "/api/quote-groups", ngs_get_quote_groups, 0},
	{"GET", "/api/claims", ngs_get_claims, 1},
};

void ngs_reply_init(ngs_reply *r)
{
	memset(r, 0, sizeof *r);
	ngi_buf_init(&r->body, 0);
	r->status = 500;
}

void ngs_reply_free(ngs_reply *r)
{
	ngi_buf_free(&r->body);
}

static void api_index(ngs_call *x)
{
	ngi_buf *b = &x->reply->body;
	ng_status st = ngi_buf_printf(b, "{\"name\":\"newsgraph\",\"version\":\"%s\","
					 "\"routes\":[", ng_libversion());
	for (size_t i = 0; i < NGI_ARRAY_LEN(routes) && !st; i++)
		st = ngi_buf_printf(b, "%s\"%s %s\"", i ? "," : "", routes[i].method,
				    routes[i].pattern);
	if (!st)
		st = ngi_buf_puts(b, "]}\n");
	if (st)
		ngs_fail_status(x, st);
	else
		x->reply->status = 200;
}

void ngs_api_handle(ng_engine *e, const ngs_request *rq, ngs_reply *reply)
{
	ngs_call x;
	memset(&x, 0, sizeof x);
	x.e = e;
	x.rq = rq;
	x.reply = reply;
	int is_get = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD");
	if (!strcmp(rq->path, "/api") || !strcmp(rq->path, "/api/")) {
		if (is_get)
			api_index(&x);
		else {
			reply->allow = "GET, HEAD";
			ngs_fail(&x, 405, "%s is not allowed here: GET only", rq->method);
		}
		return;
	}
	int shape_seen = 0, bad_number = 0;
	char allow[64] = "";
	for (size_t i = 0; i < NGI_ARRAY_LEN(routes); i++) {
		const route *r = &routes[i];
		long long nums[2] = {0, 0};
		const char *rest = NULL;
		int m = ngs_route_match(r->pattern, rq->path, nums, &rest);
		if (m == 0)
			continue;
		shape_seen = 1;
		if (m < 0) {
			bad_number = 1;
			continue;
		}
		int method_ok = !strcmp(r->method, rq->method) ||
				(is_get && !strcmp(r->method, "GET"));
		if (!method_ok) {
			size_t n = strlen(allow);
			snprintf(allow + n, sizeof allow - n, "%s%s", n ? ", " : "",
				 !strcmp(r->method, "GET") ? "GET, HEAD" : r->method);
			continue;
		}
		x.nums[0] = nums[0];
		x.nums[1] = nums[1];
		x.rest = rest;
		int *running = r->heavy ? rq->heavy_running : NULL;
		if (running && __atomic_add_fetch(running, 1, __ATOMIC_ACQ_REL) > rq->heavy_max) {
			__atomic_sub_fetch(running, 1, __ATOMIC_ACQ_REL);
			reply->retry_after = 1;
			ngs_fail(&x, 503, "busy: %d long queries are running (related stories, "
					  "timelines, entities); try again in a second",
				 rq->heavy_max);
			return;
		}
		r->handle(&x);
		if (running)
			__atomic_sub_fetch(running, 1, __ATOMIC_ACQ_REL);
		return;
	}
	if (bad_number)
		ngs_fail(&x, 400, "a story or claim number in the path must be a whole "
				  "number of 1 or more: %s", rq->path);
	else if (shape_seen) {
		/* the allow list lives in a static per-method string */
		reply->allow = strstr(allow, "POST") ? (strstr(allow, "GET") ? "GET, HEAD, POST" : "POST")
						     : "GET, HEAD";
		ngs_fail(&x, 405, "%s is not allowed on %s (allowed: %s)", rq->method,
			 rq->path, reply->allow);
	} else
		ngs_fail(&x, 404, "no such API endpoint: %s (GET /api/ lists them)",
			 rq->path);
}
