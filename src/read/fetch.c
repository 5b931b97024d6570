/*
 * fetch.c: the polite fetcher (fetch.h) over libcurl's multi interface.
 *
 * The queue holds every request not yet answered, in the order added;
 * robots.txt requests are put in front of the first request to their
 * host. Each pass of the loop walks the queue and starts what the limits
 * allow: a request whose host has no fresh robots.txt waits for it (and
 * is answered DISALLOWED or DEFERRED without a request when that is the
 * verdict); at most max_connections transfers run in all, max_per_host
 * per host, and a host starts no request before its last start plus its
 * delay (fetch_schedule.c). Redirects come back to the queue as a new hop
 * of the same request, so every hop passes its host's robots.txt and
 * delay. Retries wait in the queue until their back-off ends.
 */
#include "fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "robots.h"

/* A robots.txt that failed (5xx, network) is asked again after this. */
#define ROBOTS_RETRY_SECONDS 600.0

enum robots_state { ROBOTS_UNKNOWN, ROBOTS_FETCHING, ROBOTS_READY, ROBOTS_DEFERRED };

typedef struct fetch_host {
	char *origin;          /* "scheme://host:port" */
	int active;            /* transfers running */
	int started;           /* any request started yet */
	double last_start;
	double delay;          /* between starts: configured, or Crawl-delay */
	enum robots_state robots_state;
	double robots_expires;
	ngi_arena robots_arena;
	ngi_robots robots;
	char robots_error[512];
} fetch_host;

typedef struct fetch_req {
	ngi_arena a;           /* the request's strings */
	const char *requested; /* the URL as added */
	const char *url;       /* this hop's */
	const char *path;      /* its path and query, for robots.txt */
	size_t host;           /* index into hosts */
	const char *etag, *last_modified; /* sent */
	void *user;
	int is_robots;
	int tries;             /* requests made for this hop */
	int attempts;          /* requests made for it in all */
	double not_before;     /* a retry's back-off */
	const char **chain;    /* the URLs of the hops, for loops */
	int n_chain;
	CURL *easy;            /* running when not NULL */
	struct curl_slist *headers;
	ngi_buf body;
	int toobig;
	const char *got_etag, *got_last_modified;
	char errbuf[CURL_ERROR_SIZE];
} fetch_req;

struct ngi_fetcher {
	ngi_fetch_opts o;
	ngi_arena strings;     /* the options' strings */
	ngi_fetch_done_fn done;
	void *ctx;
	CURLM *multi;
	fetch_req **queue;
	size_t n_queue, cap_queue;
	fetch_host *hosts;
	size_t n_hosts, cap_hosts;
	int active;
	long long requests;
};

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static ng_status global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? NG_OK
								  : NG_ERR_INTERNAL;
}

static ngi_once curl_once = NGI_ONCE_INIT;

ng_status ngi_fetcher_new(const ngi_fetch_opts *o, ngi_fetch_done_fn done,
			  void *ctx, ngi_fetcher **out)
{
	ng_status st = ngi_once_run(&curl_once, global_init);
	if (st)
		return st;
	ngi_fetcher *f = calloc(1, sizeof *f);
	if (!f)
		return NG_ERR_NOMEM;
	ngi_arena_init(&f->strings, 1024);
	f->o = *o;
	f->o.user_agent = ngi_arena_strdup(&f->strings, o->user_agent ? o->user_agent
									: "newsgraph");
	f->o.robots_agent = ngi_arena_strdup(&f->strings, o->robots_agent
							     ? o->robots_agent
							     : "newsgraph");
	if (f->o.max_connections < 1)
		f->o.max_connections = 1;
	if (f->o.max_per_host < 1)
		f->o.max_per_host = 1;
	f->done = done;
	f->ctx = ctx;
	f->multi = curl_multi_init();
	if (!f->o.user_agent || !f->o.robots_agent || !f->multi) {
		st = f->multi ? NG_ERR_NOMEM : NG_ERR_INTERNAL;
		ngi_fetcher_free(f);
		return st;
	}
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
			  (long)f->o.max_connections);
	*out = f;
	return NG_OK;
}

static void answer(ngi_fetcher *f, fetch_req *r, ngi_fetch_outcome outcome,
		   long status, const char *content_type, const char *error);

static void req_free(fetch_req *r)
{
	if (!r)
		return;
	curl_slist_free_all(r->headers);
	ngi_buf_free(&r->body);
	ngi_arena_free(&r->a);
	free(r);
}

static void stop_transfer(ngi_fetcher *f, fetch_req *r)
{
	if (!r->easy)
		return;
	curl_multi_remove_handle(f->multi, r->easy);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
	curl_slist_free_all(r->headers);
	r->headers = NULL;
	f->active--;
	f->hosts[r->host].active--;
}

void ngi_fetcher_free(ngi_fetcher *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_queue; i++) {
		fetch_req *r = f->queue[i];
		stop_transfer(f, r);
		if (r->is_robots)
			req_free(r);
		else
			answer(f, r, NGI_FETCH_CANCELLED, 0, NULL, "cancelled");
	}
	free(f->queue);
	for (size_t i = 0; i < f->n_hosts; i++) {
		free(f->hosts[i].origin);
		ngi_arena_free(&f->hosts[i].robots_arena);
	}
	free(f->hosts);
	if (f->multi)
		curl_multi_cleanup(f->multi);
	ngi_arena_free(&f->strings);
	free(f);
}

long long ngi_fetch_requests(const ngi_fetcher *f)
{
	return f->requests;
}

/* The index of origin's host, added when new; (size_t)-1 out of memory. */
static size_t host_of(ngi_fetcher *f, const char *origin)
{
	for (size_t i = 0; i < f->n_hosts; i++)
		if (!strcmp(f->hosts[i].origin, origin))
			return i;
	if (f->n_hosts == f->cap_hosts &&
	    ngi_grow((void **)&f->hosts, &f->cap_hosts, f->n_hosts + 1,
		     sizeof *f->hosts))
		return (size_t)-1;
	fetch_host *h = &f->hosts[f->n_hosts];
	memset(h, 0, sizeof *h);
	h->origin = strdup(origin);
	if (!h->origin)
		return (size_t)-1;
	h->delay = ngi_fetch_host_delay(f->o.delay, -1);
	ngi_arena_init(&h->robots_arena, 4096);
	return f->n_hosts++;
}

/* Points r at url: its host and path. NG_ERR_INPUT when url is not an
 * http(s) URL. */
static ng_status aim(ngi_fetcher *f, fetch_req *r, const char *url)
{
	const char *origin, *path;
	ng_status st = ngi_url_split(url, &r->a, &origin, &path);
	if (st)
		return st;
	size_t h = host_of(f, origin);
	if (h == (size_t)-1)
		return NG_ERR_NOMEM;
	r->url = url;
	r->path = path;
	r->host = h;
	r->tries = 0;
	r->not_before = 0;
	return NG_OK;
}

static ng_status queue_insert(ngi_fetcher *f, size_t at, fetch_req *r)
{
	if (f->n_queue == f->cap_queue &&
	    ngi_grow((void **)&f->queue, &f->cap_queue, f->n_queue + 1,
		     sizeof *f->queue))
		return NG_ERR_NOMEM;
	memmove(f->queue + at + 1, f->queue + at,
		(f->n_queue - at) * sizeof *f->queue);
	f->queue[at] = r;
	f->n_queue++;
	return NG_OK;
}

static void queue_remove(ngi_fetcher *f, size_t at)
{
	memmove(f->queue + at, f->queue + at + 1,
		(f->n_queue - at - 1) * sizeof *f->queue);
	f->n_queue--;
}

static fetch_req *req_new(ngi_fetcher *f)
{
	fetch_req *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	ngi_arena_init(&r->a, 2048);
	/* one byte over the cap tells a body at the cap from one past it */
	ngi_buf_init(&r->body, f->o.max_bytes + 1);
	return r;
}

/* Hands r's answer to the caller and frees r (removed from the queue). */
static void answer(ngi_fetcher *f, fetch_req *r, ngi_fetch_outcome outcome,
		   long status, const char *content_type, const char *error)
{
	ngi_fetch_result res = {0};
	res.url = r->requested;
	res.final_url = r->url;
	res.outcome = outcome;
	res.status = status;
	res.attempts = r->attempts;
	res.error = error ? error : "";
	if (outcome == NGI_FETCH_OK) {
		res.body = r->body.data ? r->body.data : "";
		res.len = r->body.len;
	}
	res.etag = r->got_etag;
	res.last_modified = r->got_last_modified;
	res.content_type = content_type;
	res.user = r->user;
	f->done(f->ctx, &res);
	req_free(r);
}

ng_status ngi_fetch_add(ngi_fetcher *f, const char *url, const char *etag,
			const char *last_modified, void *user)
{
	fetch_req *r = req_new(f);
	if (!r)
		return NG_ERR_NOMEM;
	r->user = user;
	const char *u = ngi_arena_strdup(&r->a, url ? url : "");
	r->etag = etag ? ngi_arena_strdup(&r->a, etag) : NULL;
	r->last_modified = last_modified ? ngi_arena_strdup(&r->a, last_modified)
					 : NULL;
	r->chain = ngi_arena_alloc(&r->a, ((size_t)f->o.max_redirects + 1) *
						  sizeof *r->chain);
	if (!u || (etag && !r->etag) || (last_modified && !r->last_modified) ||
	    !r->chain) {
		req_free(r);
		return NG_ERR_NOMEM;
	}
	r->requested = u;
	r->url = u;
	ng_status st = aim(f, r, u);
	if (st == NG_ERR_INPUT) {
		answer(f, r, NGI_FETCH_BAD_URL, 0, NULL,
		       "not an http or https URL");
		return NG_OK;
	}
	if (!st)
		st = queue_insert(f, f->n_queue, r);
	if (st) {
		req_free(r);
		return st;
	}
	r->chain[r->n_chain++] = u;
	return NG_OK;
}

/* ---- one transfer ------------------------------------------------------- */
static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	fetch_req *r = ctx;
	size_t len = size * n;
	if (ngi_buf_append(&r->body, p, len)) {
		r->toobig = 1; /* past the cap (or out of memory): stop */
		return 0;
	}
	return len;
}

/* "Name: value" when the header line is name's, value trimmed, in r's
 * arena; NULL otherwise. */
static const char *header_value(fetch_req *r, const char *line, size_t len,
				const char *name)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return NULL;
	const char *v = line + n + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	return end > v ? ngi_arena_strndup(&r->a, v, (size_t)(end - v)) : NULL;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	fetch_req *r = ctx;
	size_t len = size * n;
	const char *v;
	if (len >= 5 && !strncmp(p, "HTTP/", 5)) {
		r->got_etag = r->got_last_modified = NULL; /* a new response */
	} else if ((v = header_value(r, p, len, "ETag"))) {
		r->got_etag = v;
	} else if ((v = header_value(r, p, len, "Last-Modified"))) {
		r->got_last_modified = v;
	}
	return len;
}

static long to_ms(double seconds)
{
	return seconds > 0 ? (long)(seconds * 1000 + 0.5) : 0;
}

/* Starts r's transfer; NG_ERR_NOMEM or NG_ERR_INTERNAL when it cannot. */
static ng_status start(ngi_fetcher *f, fetch_req *r, double now)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NG_ERR_INTERNAL;
	ngi_buf_clear(&r->body);
	r->toobig = 0;
	r->errbuf[0] = 0;
	r->got_etag = r->got_last_modified = NULL;
	struct curl_slist *headers = NULL;
	char line[1200];
	int oom = 0;
	if (r->etag && strlen(r->etag) < 1000) {
		snprintf(line, sizeof line, "If-None-Match: %s", r->etag);
		struct curl_slist *l = curl_slist_append(headers, line);
		oom |= !l;
		headers = l ? l : headers;
	}
	if (r->last_modified && strlen(r->last_modified) < 1000) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", r->last_modified);
		struct curl_slist *l = curl_slist_append(headers, line);
		oom |= !l;
		headers = l ? l : headers;
	}
	if (oom) {
		curl_slist_free_all(headers);
		curl_easy_cleanup(h);
		return NG_ERR_NOMEM;
	}
	curl_easy_setopt(h, CURLOPT_URL, r->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, r);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_USERAGENT, f->o.user_agent);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* what curl decodes */
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, to_ms(f->o.timeout));
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, to_ms(f->o.connect_timeout));
	/* a robots.txt past the cap is read up to it: only the body callback
	 * stops it, never a Content-Length check before the body */
	if (!r->is_robots)
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
				 (curl_off_t)f->o.max_bytes);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, r->errbuf);
	if (r->is_robots) {
		/* a robots.txt redirect stays on the rules of RFC 9309: up to 5 */
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	}
	if (headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	if (curl_multi_add_handle(f->multi, h) != CURLM_OK) {
		curl_slist_free_all(headers);
		curl_easy_cleanup(h);
		return NG_ERR_INTERNAL;
	}
	r->easy = h;
	r->headers = headers;
	r->tries++;
	r->attempts++;
	f->requests++;
	f->active++;
	fetch_host *host = &f->hosts[r->host];
	host->active++;
	host->started = 1;
	host->last_start = now;
	return NG_OK;
}

/* ---- answers ------------------------------------------------------------ */
static void robots_done(ngi_fetcher *f, fetch_req *r, CURLcode rc, long status,
			double now)
{
	fetch_host *h = &f->hosts[r->host];
	ngi_arena_reset(&h->robots_arena);
	memset(&h->robots, 0, sizeof h->robots);
	h->robots.crawl_delay = -1;
	h->robots_error[0] = 0;
	/* a robots.txt past the cap is read up to it (RFC 9309: 500 KiB) */
	int got = (rc == CURLE_OK || r->toobig || rc == CURLE_FILESIZE_EXCEEDED);
	if (got && status >= 200 && status < 300) {
		if (ngi_robots_parse(r->body.data ? r->body.data : "", r->body.len,
				     f->o.robots_agent, &h->robots_arena,
				     &h->robots) != NG_OK) {
			memset(&h->robots, 0, sizeof h->robots); /* allow all */
			h->robots.crawl_delay = -1;
		}
		h->robots_state = ROBOTS_READY;
		h->robots_expires = now + f->o.robots_ttl;
	} else if (rc == CURLE_OK && status >= 400 && status < 500) {
		h->robots_state = ROBOTS_READY; /* none: everything allowed */
		h->robots_expires = now + f->o.robots_ttl;
	} else {
		if (rc != CURLE_OK)
			snprintf(h->robots_error, sizeof h->robots_error,
				 "%s/robots.txt failed (%.200s): host deferred", h->origin,
				 r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
		else
			snprintf(h->robots_error, sizeof h->robots_error,
				 "%s/robots.txt answered HTTP %ld: host deferred",
				 h->origin, status);
		h->robots_state = ROBOTS_DEFERRED;
		h->robots_expires = now + ROBOTS_RETRY_SECONDS;
	}
	h->delay = ngi_fetch_host_delay(f->o.delay, h->robots.crawl_delay);
	req_free(r);
}

/* Whether r should be tried again: puts it back with its back-off. */
static int retry(ngi_fetcher *f, fetch_req *r, double now)
{
	if (r->tries > f->o.retries)
		return 0;
	r->not_before = now + ngi_fetch_backoff(r->tries, f->o.backoff,
						f->o.backoff_max);
	return 1;
}

/* Where a redirect goes: a new hop of r (1), or an answer given (0). */
static int follow(ngi_fetcher *f, fetch_req *r, const char *location,
		  long status)
{
	char msg[1024];
	const char *to = location ? ngi_arena_strdup(&r->a, location) : NULL;
	if (!to) {
		answer(f, r, NGI_FETCH_HTTP_ERROR, status, NULL,
		       location ? "out of memory" : "a redirect without a Location");
		return 0;
	}
	for (int i = 0; i < r->n_chain; i++) {
		if (!strcmp(r->chain[i], to)) {
			int n = snprintf(msg, sizeof msg, "redirect loop:");
			for (int k = i; k < r->n_chain && n < (int)sizeof msg; k++)
				n += snprintf(msg + n, sizeof msg - (size_t)n, " %s ->",
					      r->chain[k]);
			if (n < (int)sizeof msg)
				snprintf(msg + n, sizeof msg - (size_t)n, " %s", to);
			answer(f, r, NGI_FETCH_REDIRECT_LOOP, status, NULL, msg);
			return 0;
		}
	}
	if (r->n_chain > f->o.max_redirects) {
		snprintf(msg, sizeof msg, "more than %d redirects (the last to %s)",
			 f->o.max_redirects, to);
		answer(f, r, NGI_FETCH_TOO_MANY_REDIRECTS, status, NULL, msg);
		return 0;
	}
	ng_status st = aim(f, r, to);
	if (st) {
		snprintf(msg, sizeof msg, "redirected to %s: %s", to,
			 st == NG_ERR_INPUT ? "not an http or https URL"
					    : "out of memory");
		answer(f, r, NGI_FETCH_BAD_URL, status, NULL, msg);
		return 0;
	}
	r->chain[r->n_chain++] = to;
	/* validators belong to the first URL */
	r->etag = r->last_modified = NULL;
	return 1;
}

/* A transfer ended: r is answered, freed, or back in the queue. Returns
 * 1 when r stays queued. */
static int finished(ngi_fetcher *f, fetch_req *r, CURLcode rc, double now)
{
	long status = 0;
	char *ct = NULL, *location = NULL;
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(r->easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(r->easy, CURLINFO_REDIRECT_URL, &location);
	const char *content_type = ct ? ngi_arena_strdup(&r->a, ct) : NULL;
	const char *loc = location ? ngi_arena_strdup(&r->a, location) : NULL;
	stop_transfer(f, r);
	if (r->is_robots) {
		robots_done(f, r, rc, status, now);
		return 0;
	}
	char msg[512];
	if (r->toobig || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(msg, sizeof msg, "larger than %zu bytes: transfer stopped",
			 f->o.max_bytes);
		answer(f, r, NGI_FETCH_TOOBIG, status, NULL, msg);
		return 0;
	}
	if (rc != CURLE_OK) {
		int timeout = rc == CURLE_OPERATION_TIMEDOUT;
		if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) {
			answer(f, r, NGI_FETCH_BAD_URL, 0, NULL,
			       r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
			return 0;
		}
		if (retry(f, r, now))
			return 1;
		if (timeout)
			snprintf(msg, sizeof msg, "timed out after %d tries (%s)",
				 r->tries, r->errbuf[0] ? r->errbuf : "no answer in time");
		else
			snprintf(msg, sizeof msg, "failed after %d tries: %s", r->tries,
				 r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
		answer(f, r, timeout ? NGI_FETCH_TIMEOUT : NGI_FETCH_NETWORK, 0, NULL,
		       msg);
		return 0;
	}
	if (status == 304) {
		answer(f, r, NGI_FETCH_NOT_MODIFIED, status, content_type, NULL);
		return 0;
	}
	if (status >= 300 && status < 400)
		return follow(f, r, loc, status);
	if (status >= 200 && status < 300) {
		answer(f, r, NGI_FETCH_OK, status, content_type, NULL);
		return 0;
	}
	if (status >= 500 && retry(f, r, now))
		return 1;
	if (status >= 500)
		snprintf(msg, sizeof msg, "HTTP %ld after %d tries", status, r->tries);
	else
		snprintf(msg, sizeof msg, "HTTP %ld", status);
	answer(f, r, NGI_FETCH_HTTP_ERROR, status, content_type, msg);
	return 0;
}

/* ---- the loop ----------------------------------------------------------- */
/* A robots.txt request for host h, queued at position at. */
static ng_status ask_robots(ngi_fetcher *f, size_t h, size_t at)
{
	fetch_req *r = req_new(f);
	if (!r)
		return NG_ERR_NOMEM;
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = ngi_buf_printf(&b, "%s/robots.txt", f->hosts[h].origin);
	const char *url = st ? NULL : ngi_arena_strdup(&r->a, b.data);
	ngi_buf_free(&b);
	if (!url) {
		req_free(r);
		return NG_ERR_NOMEM;
	}
	r->requested = r->url = url;
	r->path = "/robots.txt";
	r->host = h;
	r->is_robots = 1;
	st = queue_insert(f, at, r);
	if (st) {
		req_free(r);
		return st;
	}
	f->hosts[h].robots_state = ROBOTS_FETCHING;
	return NG_OK;
}

/* One pass over the queue: starts what may start, answers what robots.txt
 * decides. *wake is lowered to the next time something may start. */
static ng_status schedule(ngi_fetcher *f, double now, double *wake)
{
	for (size_t i = 0; i < f->n_queue; i++) {
		fetch_req *r = f->queue[i];
		if (r->easy)
			continue;
		if (r->not_before > now) {
			if (r->not_before < *wake)
				*wake = r->not_before;
			continue;
		}
		fetch_host *h = &f->hosts[r->host];
		if (!r->is_robots) {
			if ((h->robots_state == ROBOTS_READY ||
			     h->robots_state == ROBOTS_DEFERRED) &&
			    now >= h->robots_expires)
				h->robots_state = ROBOTS_UNKNOWN;
			if (h->robots_state == ROBOTS_UNKNOWN) {
				ng_status st = ask_robots(f, r->host, i);
				if (st)
					return st;
				i--; /* the robots.txt request is at i now */
				continue;
			}
			if (h->robots_state == ROBOTS_FETCHING)
				continue;
			if (h->robots_state == ROBOTS_DEFERRED) {
				queue_remove(f, i--);
				answer(f, r, NGI_FETCH_DEFERRED, 0, NULL, h->robots_error);
				continue;
			}
			const ngi_robots_rule *rule;
			if (!ngi_robots_allowed(&h->robots, r->path, &rule)) {
				char msg[600];
				snprintf(msg, sizeof msg,
					 "disallowed by %s/robots.txt (Disallow: %.500s)",
					 h->origin, rule ? rule->pattern : "");
				queue_remove(f, i--);
				answer(f, r, NGI_FETCH_DISALLOWED, 0, NULL, msg);
				continue;
			}
		}
		if (f->active >= f->o.max_connections)
			continue; /* robots.txt verdicts above still go out */
		if (h->active >= f->o.max_per_host)
			continue;
		double ready = ngi_fetch_host_ready(h->last_start, h->started, h->delay);
		if (ready > now) {
			if (ready < *wake)
				*wake = ready;
			continue;
		}
		ng_status st = start(f, r, now);
		if (st == NG_ERR_NOMEM)
			return st;
		if (st) {
			queue_remove(f, i--);
			if (r->is_robots) {
				robots_done(f, r, CURLE_FAILED_INIT, 0, now);
			} else {
				answer(f, r, NGI_FETCH_NETWORK, 0, NULL,
				       "libcurl could not start the transfer");
			}
		}
	}
	return NG_OK;
}

/* Takes the ended transfers out of the queue and answers them. Returns
 * the number that ended. */
static int collect(ngi_fetcher *f, double now)
{
	int ended = 0;
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(f->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		fetch_req *r = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		CURLcode rc = m->data.result;
		size_t at = 0;
		while (at < f->n_queue && f->queue[at] != r)
			at++;
		if (!r || at == f->n_queue)
			continue; /* not ours: cannot happen */
		ended++;
		queue_remove(f, at);
		fetch_req *keep = r;
		if (finished(f, r, rc, now) && queue_insert(f, at, keep)) {
			/* out of memory putting it back: answer it so */
			answer(f, keep, NGI_FETCH_NETWORK, 0, NULL, "out of memory");
		}
	}
	return ended;
}

ng_status ngi_fetch_run(ngi_fetcher *f, int (*stop)(void *), void *stop_ctx)
{
	while (!(stop && stop(stop_ctx))) {
		double now = now_seconds();
		double wake = now + 0.1;
		ng_status st = schedule(f, now, &wake);
		if (st)
			return st;
		if (f->n_queue == 0)
			return NG_OK;
		int running = 0;
		curl_multi_perform(f->multi, &running);
		int ended = collect(f, now_seconds());
		if (ended)
			continue; /* something may start at once */
		double wait = wake - now_seconds();
		int ms = wait <= 0 ? 0 : wait > 0.1 ? 100 : (int)(wait * 1000) + 1;
		curl_multi_poll(f->multi, NULL, 0, ms, NULL);
	}
	return NG_OK;
}
