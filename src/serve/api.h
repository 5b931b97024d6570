/*
 * api.h: the JSON API under /api/ (docs/API.md), independent of the HTTP
 * library: the server (server.c) hands a request in (method, decoded path,
 * a parameter getter, the body) with the thread's read-only engine, and
 * gets a reply (status, JSON bytes, headers to add). api.c routes;
 * api_json.c writes cursors as JSON (rows, pages, errors); api_stories.c,
 * api_articles.c, api_said.c (quotes, claims), api_entities.c answer the
 * reads; api_ingest.c the one write, POST /api/articles.
 */
#ifndef NG_SERVE_API_H
#define NG_SERVE_API_H

#include <newsgraph.h>

#include "../base/base.h"
#include "params.h"

#include <pthread.h>

/* The server's writer engine (api_ingest.c), shared by its POSTs. */
typedef struct ngs_writer {
	const char *db_path;
	int threads;            /* analysis threads of the ingest engine */
	double idle;            /* seconds the engine stays open after a POST;
				   0: closed after each */
	pthread_mutex_t lock;   /* one POST at a time; guards the rest */
	ng_engine *engine;      /* open, or NULL */
	double last_used;       /* ngs_now() of the last POST */
	void *sink;             /* the running POST's diagnostics */
} ngs_writer;

void ngs_writer_init(ngs_writer *w, const char *db_path, int threads,
		     double idle);
/* Closes the engine when no POST came for idle seconds (at now). */
void ngs_writer_tick(ngs_writer *w, double now);
void ngs_writer_free(ngs_writer *w);
/* Seconds on the monotonic clock. */
double ngs_now(void);

typedef struct ngs_request {
	const char *method;     /* "GET", "HEAD", "POST" ... */
	const char *path;       /* decoded, from '/', without the query */
	const char *(*param)(void *ctx, const char *name); /* decoded or NULL */
	void *param_ctx;
	const char *content_type; /* POST: the Content-Type header, or NULL */
	const char *body;       /* POST: the body (may hold NULs) */
	size_t body_len;
	const char *client;     /* the client's address, for the source name */
	ngs_writer *writer;
	/* the long queries running now and the most allowed at once (their
	 * routes are marked heavy in api.c); NULL: no cap */
	int *heavy_running;
	int heavy_max;
} ngs_request;

typedef struct ngs_reply {
	int status;
	ngi_buf body;           /* JSON */
	int retry_after;        /* seconds, or 0: no Retry-After header */
	const char *allow;      /* 405: the Allow header, else NULL */
} ngs_reply;

/* The request context every handler works in. */
typedef struct ngs_call {
	ng_engine *e;           /* the thread's read-only engine */
	const ngs_request *rq;
	ngs_reply *reply;
	long long nums[2];      /* the route's numbers ("{n}") */
	const char *rest;       /* the route's tail ("{*}") */
	char msg[512];          /* scratch for an error message */
} ngs_call;

/* Answers rq (its path starts with "/api") into reply, which the caller
 * initialised with ngs_reply_init and frees with ngs_reply_free. */
void ngs_api_handle(ng_engine *e, const ngs_request *rq, ngs_reply *reply);
void ngs_reply_init(ngs_reply *r);
void ngs_reply_free(ngs_reply *r);

/* ---- api_json.c ---------------------------------------------------------------- */
/* Cuts msg after its last whole UTF-8 character (a message cut short by
 * its buffer). */
void ngs_utf8_trim(char *msg);
/* The answer is an error: {"error":{"status":S,"message":"..."}}, replacing
 * whatever was written. Returns 0 (so handlers can `return ngs_fail(...)`). */
int ngs_fail(ngs_call *x, int status, const char *fmt, ...) NGI_PRINTF(3, 4);
/* The error of a failed library call: its status mapped to HTTP (not
 * found 404, bad argument 400, too big 413, the rest 500) with ng_errmsg. */
int ngs_fail_status(ngs_call *x, ng_status st);
/* A parameter: NULL when absent. An empty value counts as absent. */
const char *ngs_arg(ngs_call *x, const char *name);
/* The paging parameters, or a 400 (returns 0). 1 when good. */
int ngs_get_paging(ngs_call *x, ngs_paging *p);

/* Appends s (n bytes of UTF-8) as a JSON string, HTML-safe: < > & and
 * U+2028, U+2029 escaped as \uXXXX too. */
ng_status ngs_json_str(ngi_buf *b, const char *s, size_t n);
/* Writes the current row's columns as "name":value pairs (no braces). */
ng_status ngs_json_fields(ngi_buf *b, ng_cursor *c);
/* Opens an answer with the one row of c as {"name":{...} (the caller adds
 * more fields and the closing brace); NG_ERR_NOTFOUND when c has no row.
 * Closes c. */
ng_status ngs_json_one_row(ngi_buf *b, const char *name, ng_cursor *c);
/* Called for each row after its columns, before its closing brace, to add
 * fields; may be NULL. */
typedef ng_status (*ngs_row_extra)(ngs_call *x, ng_cursor *c);
/* Writes a JSON array of the cursor's rows: skips `skip` rows, writes at
 * most `limit` (0: all), then steps once more: *more says whether a row
 * was left. Returns NG_OK or the first error (a step that failed). */
ng_status ngs_json_rows(ngs_call *x, ng_cursor *c, long long skip,
			long long limit, int *more, ngs_row_extra extra);
/* Writes "items":[...],"offset":..,"limit":..,"more":..,"next_offset":..
 * for page p of cursor c. native: the cursor already starts at p->offset
 * and was asked for p->limit + 1 rows (the filters' own paging). */
ng_status ngs_json_page(ngs_call *x, ng_cursor *c, const ngs_paging *p,
			int native, ngs_row_extra extra);
/* Answers with a page of the cursor an opener just gave (opened: its
 * status; *cursor read after it ran), {"items":..}, and closes it; a
 * failure is answered (ngs_fail_status). */
int ngs_answer_page(ngs_call *x, ng_status opened, ng_cursor **cursor,
		    const ngs_paging *p, int native, ngs_row_extra extra);
/* Writes "name":[rows] (at most NGS_MAX_LIMIT rows, "name_more":true when
 * cut) from the cursor the opener gave, and closes it. */
ng_status ngs_json_list(ngs_call *x, const char *name, ng_status opened,
			ng_cursor *c, ngs_row_extra extra);
/* The same with at most limit rows. */
ng_status ngs_json_list_cut(ngs_call *x, const char *name, ng_status opened,
			    ng_cursor *c, long long limit, ngs_row_extra extra);

/* ---- the handlers ------------------------------------------------------------------ */
int ngs_get_stories(ngs_call *x);
int ngs_get_story(ngs_call *x);
int ngs_get_story_articles(ngs_call *x);
int ngs_get_story_timeline(ngs_call *x);
int ngs_get_story_copies(ngs_call *x);
int ngs_get_story_related(ngs_call *x);
int ngs_get_evidence(ngs_call *x);
int ngs_get_articles(ngs_call *x);
int ngs_get_article(ngs_call *x);
int ngs_get_search(ngs_call *x);
int ngs_get_entities(ngs_call *x);
int ngs_get_entity(ngs_call *x);
int ngs_get_quotes(ngs_call *x);
int ngs_get_quote_groups(ngs_call *x);
int ngs_get_claims(ngs_call *x);
int ngs_get_story_claims(ngs_call *x);
int ngs_post_articles(ngs_call *x);

#endif
