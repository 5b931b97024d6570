/*
 * watch.c: ng_watch_run, the live-feed loop (include/newsgraph.h, "watch";
 * docs/WATCH.md).
 *
 * A round: every feed that is due (all of them with `once`) is fetched
 * with its validators; a feed that answers 200 is read for its items
 * (feed_links.h: the only place feed formats are known), and each item
 * never seen, or seen and due for a retry, is fetched as a page in the
 * same fetcher run (src/read/fetch.h: robots.txt, per-host delay, retries,
 * caps). A new item is written "new" before its page is asked for; the
 * page is extracted (html.h), ingested as one record and flushed at once,
 * and only then marked "stored": a kill loses at most the page in hand,
 * the next run asks again for every item still "new" (also when the feed
 * answers 304), and ingest stores the same record once should it come
 * again. Between rounds the loop sleeps until the next feed is due,
 * waking often enough to see should_stop.
 */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/sized.h"
#include "../read/feed.h"
#include "../read/feed_links.h"
#include "../read/fetch.h"
#include "../read/html.h"

#define DEFAULT_INTERVAL 900.0
#define DEFAULT_CONNECTIONS 8
#define DEFAULT_PER_HOST 1
#define DEFAULT_DELAY 1.0
#define DEFAULT_TIMEOUT 30.0
#define DEFAULT_CONNECT_TIMEOUT 10.0
#define DEFAULT_MAX_BYTES ((long long)8 << 20)
#define DEFAULT_RETRIES 2
#define DEFAULT_REDIRECTS 5
/* a failing feed backs off up to a day; robots.txt is kept a day */
#define MAX_POLL_WAIT 86400.0
#define ROBOTS_TTL 86400.0
/* an item that failed transiently this many times has failed for good */
#define ITEM_TRIES 3
#define FEEDS_FILE_CAP ((size_t)16 << 20)

typedef struct watch_feed {
	char *url;
	long long line;        /* in the feeds file */
	char *etag, *last_modified;
	long long next_poll;
	int failures;
	int loaded;            /* the stored row was read */
} watch_feed;

/* What a request is for: a feed, or an item's page. */
typedef struct watch_req {
	size_t feed;
	int is_page;
	long long number;      /* the item's 1-based place in the feed; 0 retry */
	int failures;          /* its failures before */
	char *title, *published; /* from the feed, or NULL */
} watch_req;

typedef struct watch_run {
	ng_engine *e;
	ng_watch_options o;
	ng_watch_stats s;
	ng_ingest_stats ingest;
	watch_feed *feeds;
	size_t n_feeds;
	ngi_fetcher *fetcher;
	ngi_map queued;        /* hashes of the item URLs queued this round */
	ngi_arena scratch;
	ng_status fatal;       /* a database or memory failure: stop */
	int bad;               /* a feed or an item failed */
} watch_run;

static long long wall_now(void)
{
	return (long long)time(NULL);
}

static void progress(watch_run *w, const char *fmt, ...) NGI_PRINTF(2, 3);
static void progress(watch_run *w, const char *fmt, ...)
{
	if (!w->o.on_progress)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	w->o.on_progress(w->o.progress_ctx, line);
}

static void set_fatal(watch_run *w, ng_status st)
{
	if (!w->fatal)
		w->fatal = st;
	if (st == NG_ERR_DB && !w->e->err[0])
		ngi_engine_fail(w->e, st, "%s", ngi_store_errmsg(w->e->store));
}

static int should_stop(void *ctx)
{
	watch_run *w = ctx;
	return w->fatal || (w->o.should_stop && w->o.should_stop(w->o.stop_ctx));
}

/* ---- the feeds file ------------------------------------------------------ */
static ng_status read_feeds(watch_run *w, const char *path)
{
	ngi_buf b;
	ngi_buf_init(&b, FEEDS_FILE_CAP);
	ng_status st = ngi_read_file(path, FEEDS_FILE_CAP, &b, &w->e->diag);
	if (st) {
		ngi_buf_free(&b);
		return st == NG_ERR_NOMEM ? st : NG_ERR_IO;
	}
	size_t cap = 0;
	long long line = 0;
	char *p = b.data ? b.data : "";
	while (*p && !st) {
		char *end = strchr(p, '\n');
		char *next = end ? end + 1 : p + strlen(p);
		if (end)
			*end = 0;
		line++;
		char *s = p;
		while (*s == ' ' || *s == '\t')
			s++;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			s[--n] = 0;
		p = next;
		if (!*s || *s == '#')
			continue;
		ngi_arena_reset(&w->scratch);
		const char *url = ngi_url_resolve(NULL, s, &w->scratch);
		if (!url) {
			ngi_diag(&w->e->diag, NG_DIAG_ERROR, path, line, -1,
				 "not an http or https URL: \"%.200s\"; line skipped", s);
			w->bad = 1;
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < w->n_feeds && !dup; i++)
			dup = !strcmp(w->feeds[i].url, url);
		if (dup)
			continue;
		if (w->n_feeds == cap &&
		    ngi_grow((void **)&w->feeds, &cap, w->n_feeds + 1, sizeof *w->feeds)) {
			st = NG_ERR_NOMEM;
			break;
		}
		watch_feed *f = &w->feeds[w->n_feeds];
		memset(f, 0, sizeof *f);
		f->url = strdup(url);
		f->line = line;
		if (!f->url)
			st = NG_ERR_NOMEM;
		else
			w->n_feeds++;
	}
	ngi_buf_free(&b);
	return st;
}

static void free_feeds(watch_run *w)
{
	for (size_t i = 0; i < w->n_feeds; i++) {
		free(w->feeds[i].url);
		free(w->feeds[i].etag);
		free(w->feeds[i].last_modified);
	}
	free(w->feeds);
}

/* Replaces *slot by a copy of v (NULL stays NULL); 0 out of memory. */
static int keep_copy(char **slot, const char *v)
{
	char *c = v ? strdup(v) : NULL;
	if (v && !c)
		return 0;
	free(*slot);
	*slot = c;
	return 1;
}

static ng_status load_feed(watch_run *w, watch_feed *f)
{
	if (f->loaded)
		return NG_OK;
	ngi_arena_reset(&w->scratch);
	ngi_watch_feed_row r;
	ng_status st = ngi_store_watch_feed_get(w->e->store, f->url, &w->scratch, &r);
	if (st == NG_ERR_NOTFOUND) {
		f->loaded = 1;
		return NG_OK;
	}
	if (st)
		return st;
	if (!keep_copy(&f->etag, r.etag) || !keep_copy(&f->last_modified, r.last_modified))
		return NG_ERR_NOMEM;
	f->next_poll = r.next_poll;
	f->failures = r.failures;
	f->loaded = 1;
	return NG_OK;
}

/* ---- requests ------------------------------------------------------------ */
static void req_free(watch_req *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->published);
	free(r);
}

static ng_status queue_page(watch_run *w, size_t feed, const char *url,
			    long long number, int failures, const char *title,
			    const char *published)
{
	uint64_t key = ngi_hash(url, strlen(url), 0x77617463);
	if (ngi_map_get(&w->queued, key))
		return NG_OK; /* listed twice, or a retry the feed lists again */
	watch_req *r = calloc(1, sizeof *r);
	if (!r)
		return NG_ERR_NOMEM;
	r->feed = feed;
	r->is_page = 1;
	r->number = number;
	r->failures = failures;
	if ((title && !(r->title = strdup(title))) ||
	    (published && !(r->published = strdup(published)))) {
		req_free(r);
		return NG_ERR_NOMEM;
	}
	ng_status st = ngi_map_put(&w->queued, key, 1);
	if (!st)
		st = ngi_fetch_add(w->fetcher, url, NULL, NULL, r);
	if (st)
		req_free(r);
	return st;
}

static ng_status mark_item(watch_run *w, const watch_req *r, const char *url,
			   const char *state, const char *article, int failures,
			   const char *error)
{
	ngi_watch_item_row row = {url, w->feeds[r->feed].url, state, article,
				  failures, error};
	return ngi_store_watch_item_put(w->e->store, &row, wall_now());
}

/* ---- a feed answered ----------------------------------------------------- */
/* The URLs of a feed's pending items, collected before any is queued (a
 * request may be answered at once, and its answer writes watch_items). */
typedef struct url_list {
	char **urls;
	size_t n, cap;
} url_list;

static ng_status collect_url(void *ctx, const char *url)
{
	url_list *l = ctx;
	if (l->n == l->cap && ngi_grow((void **)&l->urls, &l->cap, l->n + 1,
				       sizeof *l->urls))
		return NG_ERR_NOMEM;
	if (!(l->urls[l->n] = strdup(url)))
		return NG_ERR_NOMEM;
	l->n++;
	return NG_OK;
}

/* Queues the items of feed fi still "new" or "retry" in the store. */
static ng_status queue_pending(watch_run *w, size_t fi)
{
	url_list l = {0};
	ng_status st = ngi_store_watch_each_pending(w->e->store, w->feeds[fi].url,
						    collect_url, &l);
	for (size_t i = 0; i < l.n && !st; i++) {
		const char *state;
		int failures = 0;
		st = ngi_store_watch_item_get(w->e->store, l.urls[i], &state, &failures);
		if (!st)
			st = queue_page(w, fi, l.urls[i], 0, failures, NULL, NULL);
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.urls[i]);
	free(l.urls);
	return st;
}

/* The items of a feed that answered 200: the new ones and those due for
 * a retry are queued. */
static ng_status read_items(watch_run *w, size_t fi, const ngi_fetch_result *res,
			    const char **why)
{
	watch_feed *f = &w->feeds[fi];
	ngi_arena_reset(&w->scratch);
	ngi_feed_link *links = NULL;
	size_t n = 0, past_cap = 0;
	ng_status st = ngi_feed_links(res->body, res->len, res->final_url,
				      &w->scratch, &links, &n, &past_cap, why);
	if (st)
		return st;
	if (past_cap)
		ngi_diag(&w->e->diag, NG_DIAG_WARNING, f->url, NGI_FEED_MAX_ITEMS + 1,
			 -1, NGI_FEED_PAST_CAP_FMT, past_cap);
	long long fresh = 0;
	for (size_t i = 0; i < n && !st; i++) {
		const char *state;
		int failures = 0;
		st = ngi_store_watch_item_get(w->e->store, links[i].url, &state, &failures);
		if (st == NG_ERR_NOTFOUND) {
			/* remembered before it is fetched: a run stopped now
			 * finds it again even when the feed answers 304 */
			fresh++;
			w->s.items++;
			ngi_watch_item_row row = {links[i].url, f->url, "new", NULL, 0,
						  NULL};
			st = ngi_store_watch_item_put(w->e->store, &row, wall_now());
			if (!st)
				st = queue_page(w, fi, links[i].url, (long long)i + 1, 0,
						links[i].title, links[i].published);
		} else if (!st && (!strcmp(state, "retry") || !strcmp(state, "new"))) {
			st = queue_page(w, fi, links[i].url, (long long)i + 1, failures,
					links[i].title, links[i].published);
		}
	}
	if (!st)
		progress(w, "feed %s: %zu items, %lld new", f->url, n, fresh);
	return st;
}

static void feed_done(watch_run *w, const ngi_fetch_result *res, watch_req *r)
{
	watch_feed *f = &w->feeds[r->feed];
	w->s.polls++;
	long long now = wall_now();
	char error[768] = "";
	const char *why = NULL;
	ng_status st = NG_OK;
	if (res->outcome == NGI_FETCH_OK) {
		st = read_items(w, r->feed, res, &why);
		if (st == NG_ERR_INPUT || st == NG_ERR_TOOBIG) {
			snprintf(error, sizeof error, "not read as a feed: %s",
				 st == NG_ERR_TOOBIG ? "too many items" : why);
			st = NG_OK;
		} else if (!st && (!keep_copy(&f->etag, res->etag) ||
				   !keep_copy(&f->last_modified, res->last_modified))) {
			st = NG_ERR_NOMEM;
		}
	} else if (res->outcome == NGI_FETCH_NOT_MODIFIED) {
		w->s.not_modified++;
		progress(w, "feed %s: not modified", f->url);
		if ((res->etag && !keep_copy(&f->etag, res->etag)) ||
		    (res->last_modified && !keep_copy(&f->last_modified, res->last_modified)))
			st = NG_ERR_NOMEM;
	} else {
		snprintf(error, sizeof error, "%s", res->error);
	}
	if (st) {
		set_fatal(w, st);
		return;
	}
	if (error[0]) {
		w->s.feeds_failed++;
		w->bad = 1;
		f->failures++;
		ngi_diag(&w->e->diag, NG_DIAG_ERROR, f->url, 0, -1,
			 "feed failed: %s", error);
	} else {
		f->failures = 0;
	}
	f->next_poll = ngi_fetch_next_poll(now, w->o.interval, f->failures,
					   MAX_POLL_WAIT);
	ngi_watch_feed_row row = {f->url, f->etag, f->last_modified, f->next_poll,
				  f->failures, now, (int)res->status,
				  error[0] ? error : NULL};
	st = ngi_store_watch_feed_put(w->e->store, &row);
	/* the items it had to retry or never fetched, also when it did not
	 * list them now (a 304) */
	if (!st)
		st = queue_pending(w, r->feed);
	if (st)
		set_fatal(w, st);
}

/* ---- a page answered ----------------------------------------------------- */
/* The primary language subtag of a page's language ("ru" of "ru-RU"), or
 * NULL when it is not two letters. */
static const char *lang_hint(const char *lang, char out[3])
{
	if (!lang || !((lang[0] | 32) >= 'a' && (lang[0] | 32) <= 'z') ||
	    !((lang[1] | 32) >= 'a' && (lang[1] | 32) <= 'z') ||
	    (lang[2] && lang[2] != '-' && lang[2] != '_'))
		return NULL;
	out[0] = (char)(lang[0] | 32);
	out[1] = (char)(lang[1] | 32);
	out[2] = 0;
	return out;
}

/* Extracts and ingests the page of item r; NG_ERR_INPUT (why set) when it
 * holds no article. */
static ng_status ingest_page(watch_run *w, const ngi_fetch_result *res,
			     watch_req *r, const char **why)
{
	ngi_arena_reset(&w->scratch);
	ngi_html_page page;
	ng_status st = ngi_html_extract(res->body, res->len, res->final_url,
					res->content_type, &w->scratch, &page, why);
	if (st == NG_ERR_TOOBIG) {
		*why = "page too large for the extractor";
		return NG_ERR_INPUT;
	}
	if (st)
		return st;
	if (!page.body || !page.body_len) {
		*why = "no article text in the page";
		return NG_ERR_INPUT;
	}
	char lang[3];
	ng_record rec = NG_RECORD_INIT;
	rec.id = res->url;
	rec.url = page.url ? page.url : res->final_url;
	rec.title = page.title ? page.title : r->title;
	rec.text = page.body;
	rec.text_len = page.body_len;
	/* the page's own metadata, else the feed's date, else a date the
	 * extractor read from the page's URL or text */
	if (page.published && page.published_source == NGI_PUB_METADATA)
		rec.published = page.published;
	else
		rec.published = r->published ? r->published : page.published;
	rec.outlet = page.site;
	rec.lang = lang_hint(page.lang, lang);
	ng_ingest_stats before = w->ingest;
	st = ngi_ingest_record(w->e, &rec, w->feeds[r->feed].url, &w->ingest);
	if (st == NG_ERR_TOOBIG) {
		*why = "article text too long";
		return NG_ERR_INPUT;
	}
	if (!st)
		st = ngi_ingest_flush(w->e, &w->ingest);
	if (!st) {
		w->s.added += w->ingest.added - before.added;
		w->s.unchanged += w->ingest.unchanged - before.unchanged;
	}
	return st;
}

static void page_done(watch_run *w, const ngi_fetch_result *res, watch_req *r)
{
	const char *feed = w->feeds[r->feed].url;
	const char *url = res->url;
	ng_status st = NG_OK;
	if (res->outcome == NGI_FETCH_OK) {
		const char *why = NULL;
		st = ingest_page(w, res, r, &why);
		if (!st) {
			w->s.stored++;
			progress(w, "stored %s", url);
			st = mark_item(w, r, url, "stored", url, r->failures, NULL);
		} else if (st == NG_ERR_INPUT) {
			w->s.failed++;
			w->bad = 1;
			ngi_diag(&w->e->diag, NG_DIAG_ERROR, feed, r->number, -1,
				 "item %s: %s; not stored", url, why ? why : "bad page");
			st = mark_item(w, r, url, "failed", NULL, r->failures + 1, why);
		}
	} else if (res->outcome == NGI_FETCH_DISALLOWED) {
		w->s.disallowed++;
		ngi_diag(&w->e->diag, NG_DIAG_WARNING, feed, r->number, -1,
			 "item %s: not fetched: %s", url, res->error);
		st = mark_item(w, r, url, "disallowed", NULL, r->failures, res->error);
	} else if (res->outcome == NGI_FETCH_DEFERRED) {
		/* not a failure of the item: asked again at the next poll */
		ngi_diag(&w->e->diag, NG_DIAG_WARNING, feed, r->number, -1,
			 "item %s: not fetched yet: %s", url, res->error);
		st = mark_item(w, r, url, "retry", NULL, r->failures, res->error);
	} else {
		int transient = ngi_fetch_transient(res->outcome, res->status);
		int failures = r->failures + 1;
		int again = transient && failures < ITEM_TRIES;
		w->s.failed++;
		w->bad = 1;
		ngi_diag(&w->e->diag, NG_DIAG_ERROR, feed, r->number, -1,
			 "item %s: %s; %s", url, res->error,
			 again ? "tried again at the next poll" : "not stored");
		st = mark_item(w, r, url, again ? "retry" : "failed", NULL, failures,
			       res->error);
	}
	if (st)
		set_fatal(w, st);
}

static void fetched(void *ctx, const ngi_fetch_result *res)
{
	watch_run *w = ctx;
	watch_req *r = res->user;
	if (!w->fatal && res->outcome != NGI_FETCH_CANCELLED) {
		if (r->is_page)
			page_done(w, res, r);
		else
			feed_done(w, res, r);
	}
	req_free(r);
}

/* ---- the loop ------------------------------------------------------------ */
static ng_status round_of_polls(watch_run *w)
{
	long long now = wall_now();
	ng_status st = NG_OK;
	ngi_map_free(&w->queued);
	ngi_map_init(&w->queued);
	for (size_t i = 0; i < w->n_feeds && !st; i++) {
		watch_feed *f = &w->feeds[i];
		st = load_feed(w, f);
		if (st || (!w->o.once && f->next_poll > now))
			continue;
		watch_req *r = calloc(1, sizeof *r);
		if (!r)
			return NG_ERR_NOMEM;
		r->feed = i;
		st = ngi_fetch_add(w->fetcher, f->url, f->etag, f->last_modified, r);
		if (st)
			req_free(r);
	}
	if (!st)
		st = ngi_fetch_run(w->fetcher, should_stop, w);
	return st ? st : w->fatal;
}

/* Sleeps until the next feed is due or should_stop; 1 when stopped. */
static int sleep_until_due(watch_run *w)
{
	long long due = -1;
	for (size_t i = 0; i < w->n_feeds; i++)
		if (due < 0 || w->feeds[i].next_poll < due)
			due = w->feeds[i].next_poll;
	while (!should_stop(w)) {
		if (wall_now() >= due)
			return 0;
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return 1;
}

static void defaults(ng_watch_options *o)
{
	if (o->interval <= 0)
		o->interval = DEFAULT_INTERVAL;
	if (o->max_connections <= 0)
		o->max_connections = DEFAULT_CONNECTIONS;
	if (o->max_per_host <= 0)
		o->max_per_host = DEFAULT_PER_HOST;
	if (o->delay == 0)
		o->delay = DEFAULT_DELAY;
	else if (o->delay < 0)
		o->delay = 0;
	if (o->timeout <= 0)
		o->timeout = DEFAULT_TIMEOUT;
	if (o->connect_timeout <= 0)
		o->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
	if (o->max_bytes <= 0)
		o->max_bytes = DEFAULT_MAX_BYTES;
	if (o->retries == 0)
		o->retries = DEFAULT_RETRIES;
	else if (o->retries < 0)
		o->retries = 0;
	if (o->max_redirects <= 0)
		o->max_redirects = DEFAULT_REDIRECTS;
}

static ng_status watch(watch_run *w, const char *feeds_path)
{
	ng_status st = read_feeds(w, feeds_path);
	if (st == NG_ERR_IO)
		return ngi_engine_fail(w->e, st, "cannot read the feeds file %s",
				       feeds_path);
	if (st)
		return ngi_engine_fail(w->e, st, "reading %s: %s", feeds_path,
				       ng_status_str(st));
	if (w->n_feeds == 0)
		return ngi_engine_fail(w->e, NG_ERR_USAGE, "no feed URL in %s",
				       feeds_path);
	ngi_fetch_opts fo = {
		.max_connections = w->o.max_connections,
		.max_per_host = w->o.max_per_host,
		.delay = w->o.delay,
		.timeout = w->o.timeout,
		.connect_timeout = w->o.connect_timeout,
		.max_bytes = (size_t)w->o.max_bytes,
		.retries = w->o.retries,
		.backoff = 1.0,
		.backoff_max = 60.0,
		.max_redirects = w->o.max_redirects,
		.robots_ttl = ROBOTS_TTL,
		.user_agent = "newsgraph/" NG_VERSION
			      " (news-intelligence engine; honours robots.txt)",
		.robots_agent = "newsgraph",
	};
	st = ngi_fetcher_new(&fo, fetched, w, &w->fetcher);
	if (st)
		return ngi_engine_fail(w->e, st, "cannot start fetching: %s",
				       ng_status_str(st));
	for (;;) {
		st = round_of_polls(w);
		if (st || w->o.once || sleep_until_due(w))
			break;
	}
	w->s.requests = ngi_fetch_requests(w->fetcher);
	ngi_fetcher_free(w->fetcher);
	w->fetcher = NULL;
	if (st == NG_ERR_DB && !w->e->err[0])
		ngi_engine_fail(w->e, st, "%s", ngi_store_errmsg(w->e->store));
	else if (st && !w->e->err[0])
		ngi_engine_fail(w->e, st, "watch failed: %s", ng_status_str(st));
	return st;
}

ng_status ng_watch_run(ng_engine *e, const char *feeds_path,
		       const ng_watch_options *o, ng_watch_stats *stats)
{
	if (!e || !feeds_path)
		return NG_ERR_USAGE;
	if (e->config.read_only)
		return ngi_engine_fail(e, NG_ERR_USAGE, "the engine was opened "
							"read-only: watch writes");
	watch_run *w = calloc(1, sizeof *w);
	if (!w)
		return ngi_engine_fail(e, NG_ERR_NOMEM, "out of memory");
	w->e = e;
	w->o.size = sizeof w->o;
	if (o && ngi_sized_in(&w->o, sizeof w->o, o, NGI_WATCH_OPTIONS_BASE)) {
		free(w);
		return ngi_engine_fail(e, NG_ERR_USAGE, "ng_watch_options: bad size");
	}
	defaults(&w->o);
	w->ingest.size = sizeof w->ingest;
	ngi_arena_init(&w->scratch, 0);
	ngi_map_init(&w->queued);
	e->err[0] = 0;
	ng_status st = watch(w, feeds_path);
	if (!st && w->bad)
		st = NG_ERR_INPUT;
	if (stats) {
		w->s.size = sizeof w->s;
		size_t n = ngi_sized_len(stats->size, NGI_WATCH_STATS_BASE, sizeof w->s);
		if (n > sizeof w->s.size)
			memcpy((char *)stats + sizeof w->s.size,
			       (const char *)&w->s + sizeof w->s.size, n - sizeof w->s.size);
	}
	ngi_map_free(&w->queued);
	ngi_arena_free(&w->scratch);
	free_feeds(w);
	free(w);
	return st;
}
