/*
 * api_ingest.c: POST /api/articles (docs/API.md): the body (JSON, JSON
 * Lines or any format ingest reads) goes to ng_ingest_bytes on the
 * server's writer engine: opened by the first POST, kept open while POSTs
 * keep coming and closed once none came for writer->idle seconds
 * (ngs_writer_tick), or right after each POST when idle is 0. Opening a
 * writer reads the link state, seconds on a big database, so the writer is
 * kept for a burst of POSTs; closing it lets a command-line ingest in. The
 * server's POSTs take turns (the writer's lock); each is committed before
 * its answer. When another process holds the database the answer is 503
 * with Retry-After. The answer carries the counts and the
 * diagnostics (the first NGS_MAX_DIAGS). The Content-Type says how the
 * body is read: application/json must be one JSON document (an article or
 * an array of them; checked here, so a broken one is a 400 rather than a
 * plain-text article), a JSON Lines type (application/x-ndjson,
 * application/jsonl) is read as JSON Lines whatever it looks like, anything
 * else is sniffed as ingest sniffs a file.
 */
#include "api.h"

#include "../base/json.h"

#include <string.h>
#include <strings.h>
#include <time.h>

enum { NGS_MAX_DIAGS = 100 };

typedef struct diag_list {
	ngi_buf json; /* the diagnostics as JSON objects, comma-separated */
	int n, dropped;
	int busy;     /* the open was refused: another writer */
	char first_error[256];
} diag_list;

/* The writer engine's diagnostics go to the POST running it. */
static void collect_diag(void *ctx, const ng_diag *d)
{
	ngs_writer *w = ctx;
	diag_list *l = w->sink;
	if (!l)
		return;
	if (d->severity == NG_DIAG_ERROR && !l->first_error[0] && d->message)
		snprintf(l->first_error, sizeof l->first_error, "%s", d->message);
	if (d->message && strstr(d->message, "another ingest holds the database"))
		l->busy = 1;
	if (l->n >= NGS_MAX_DIAGS) {
		l->dropped++;
		return;
	}
	ngi_buf *b = &l->json;
	ng_status st = ngi_buf_printf(b, "%s{\"severity\":\"%s\",\"record\":%lld,"
					 "\"offset\":%lld,\"message\":",
				      l->n ? "," : "",
				      d->severity == NG_DIAG_ERROR ? "error" : "warning",
				      d->record, d->offset);
	if (!st)
		st = ngs_json_str(b, d->message ? d->message : "",
				  d->message ? strlen(d->message) : 0);
	if (!st)
		st = ngi_buf_putc(b, '}');
	if (!st)
		l->n++;
}

/* Whether the media type of content_type (parameters after ';' left out)
 * is one of the ';'-free names in list (space-separated). */
static int media_type_in(const char *content_type, const char *list)
{
	if (!content_type)
		return 0;
	size_t n = strcspn(content_type, "; \t");
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && !strncasecmp(p, content_type, n))
			return 1;
		p += k;
		p += *p == ' ';
	}
	return 0;
}

/* The source name of the articles: its extension decides JSON Lines. */
static const char *body_name(ngs_call *x)
{
	const ngs_request *rq = x->rq;
	if (media_type_in(rq->content_type, "application/x-ndjson application/jsonl "
					    "application/x-jsonlines application/json-lines"))
		return "POST /api/articles.jsonl";
	if (media_type_in(rq->content_type, "application/json")) {
		ngi_arena a;
		ngi_arena_init(&a, 1 << 16);
		ngi_json *doc;
		size_t at = 0;
		const char *why = NULL;
		ng_status st = ngi_json_parse(rq->body, rq->body_len, &a, &doc, &at, &why);
		ngi_arena_free(&a);
		if (st == NG_ERR_NOMEM) {
			ngs_fail(x, 503, "out of memory reading the body");
			return NULL;
		}
		if (st) {
			ngs_fail(x, 400, "the body is not one JSON document: %s at byte %zu "
					 "(send JSON Lines as application/x-ndjson)",
				 why ? why : "malformed", at);
			return NULL;
		}
	}
	return "POST /api/articles";
}

double ngs_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void ngs_writer_init(ngs_writer *w, const char *db_path, int threads, double idle)
{
	memset(w, 0, sizeof *w);
	w->db_path = db_path;
	w->threads = threads;
	w->idle = idle;
	pthread_mutex_init(&w->lock, NULL);
}

void ngs_writer_tick(ngs_writer *w, double now)
{
	/* never waits behind a POST: the next tick comes soon */
	if (pthread_mutex_trylock(&w->lock) != 0)
		return;
	if (w->engine && now - w->last_used >= w->idle) {
		ng_engine_close(w->engine); /* every POST was committed */
		w->engine = NULL;
	}
	pthread_mutex_unlock(&w->lock);
}

void ngs_writer_free(ngs_writer *w)
{
	if (w->engine)
		ng_engine_close(w->engine);
	w->engine = NULL;
	pthread_mutex_destroy(&w->lock);
}

int ngs_post_articles(ngs_call *x)
{
	const ngs_request *rq = x->rq;
	if (!rq->body_len)
		return ngs_fail(x, 400, "the body is empty: send JSON or JSON Lines articles");
	const char *name = body_name(x);
	if (!name)
		return 0;
	diag_list diags;
	memset(&diags, 0, sizeof diags);
	ngi_buf_init(&diags.json, 0);
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	ngs_writer *wr = rq->writer;
	ng_status st = NG_OK, ingested = NG_OK;
	char why[512] = "";

	pthread_mutex_lock(&wr->lock);
	wr->sink = &diags;
	if (!wr->engine) {
		ng_config cfg;
		ng_config_init(&cfg);
		cfg.db_path = wr->db_path;
		cfg.threads = wr->threads;
		cfg.on_diag = collect_diag;
		cfg.diag_ctx = wr;
		st = ng_engine_open(&cfg, &wr->engine);
	}
	if (!st) {
		ingested = ng_ingest_bytes(wr->engine, name, rq->body, rq->body_len, &s);
		if (ingested && ingested != NG_ERR_INPUT)
			snprintf(why, sizeof why, "%s", ng_errmsg(wr->engine));
		/* a failed run leaves the engine stopped: start afresh */
		if (wr->idle <= 0 || (ingested && ingested != NG_ERR_INPUT)) {
			ng_status closed = ng_engine_close(wr->engine);
			if (!ingested || ingested == NG_ERR_INPUT)
				st = closed;
			wr->engine = NULL;
		}
		wr->last_used = ngs_now();
	}
	wr->sink = NULL;
	pthread_mutex_unlock(&wr->lock);

	int done = 0;
	if (diags.busy) {
		x->reply->retry_after = 2;
		done = ngs_fail(x, 503, "the database is busy: another ingest holds it; "
					"try again later");
	} else if (st) {
		done = ngs_fail(x, 500, "cannot store the articles: %s",
				diags.first_error[0] ? diags.first_error : ng_status_str(st));
	} else if (ingested && ingested != NG_ERR_INPUT) {
		done = ngs_fail(x, ingested == NG_ERR_TOOBIG ? 413 : 500,
				"ingest failed: %s", why[0] ? why : ng_status_str(ingested));
	} else if (s.added + s.unchanged == 0) {
		done = ngs_fail(x, 400, "no article in the body could be read%s%s",
				diags.first_error[0] ? ": " : "", diags.first_error);
	} else {
		ngi_buf *b = &x->reply->body;
		ng_status out = ngi_buf_printf(
			b, "{\"records\":%lld,\"added\":%lld,\"unchanged\":%lld,"
			   "\"failed\":%lld,\"skipped\":%lld,\"invalid_utf8\":%lld,"
			   "\"warnings\":%lld,\"errors\":%lld,\"diagnostics\":[",
			s.records, s.added, s.unchanged, s.failed, s.skipped,
			s.invalid_utf8, s.warnings, s.errors);
		if (!out && diags.json.len)
			out = ngi_buf_append(b, diags.json.data, diags.json.len);
		if (!out)
			out = ngi_buf_printf(b, "],\"diagnostics_dropped\":%d}\n", diags.dropped);
		if (out)
			done = ngs_fail_status(x, out);
		else {
			x->reply->status = s.added ? 201 : 200;
			done = 1;
		}
	}
	ngi_buf_free(&diags.json);
	return done;
}
