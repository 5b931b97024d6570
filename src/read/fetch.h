/*
 * fetch.h: polite HTTP fetching for `watch` (docs/WATCH.md), over libcurl's
 * multi interface.
 *
 * A fetcher takes requests (a URL, the validators of a conditional GET, a
 * pointer of the caller's) and runs them: at most max_connections at once
 * in all and max_per_host at once to one host (scheme, host and port),
 * each start at least `delay` seconds after the previous start on that
 * host. Before the first request to a host it fetches the host's
 * robots.txt and keeps it for robots_ttl seconds: a URL it disallows is
 * answered NGI_FETCH_DISALLOWED without a request, a Crawl-delay raises
 * the host's delay (up to NGI_FETCH_MAX_CRAWL_DELAY), a robots.txt that is
 * missing (4xx) allows everything, one that fails (5xx, network) defers
 * the host: its requests are answered NGI_FETCH_DEFERRED. Redirects are
 * followed by the fetcher itself (so each hop passes the host's robots.txt
 * and delay), at most max_redirects of them; coming back to a URL of the
 * chain is a loop. A 5xx, a timeout or a network failure is tried again
 * up to `retries` times, after an exponential back-off; a 4xx is not. A
 * body past max_bytes stops the transfer. Only http and https are used.
 *
 * Ownership: a result and its strings live until the done callback
 * returns. The callback may add requests (not when the outcome is
 * NGI_FETCH_CANCELLED). One fetcher is used from one thread.
 */
#ifndef NG_FETCH_H
#define NG_FETCH_H

#include "../base/base.h"

/* A robots.txt Crawl-delay above this is taken as this many seconds. */
#define NGI_FETCH_MAX_CRAWL_DELAY 60.0

typedef struct ngi_fetch_opts {
	int max_connections;      /* requests at once in all, >= 1 */
	int max_per_host;         /* requests at once to one host, >= 1 */
	double delay;             /* seconds between starts on one host, >= 0 */
	double timeout;           /* seconds for a whole transfer */
	double connect_timeout;   /* seconds to connect */
	size_t max_bytes;         /* body cap */
	int retries;              /* tries after the first, >= 0 */
	double backoff;           /* seconds before the first retry; doubles */
	double backoff_max;       /* the back-off's cap */
	int max_redirects;
	double robots_ttl;        /* seconds a robots.txt is kept */
	const char *user_agent;   /* the User-Agent header */
	const char *robots_agent; /* the product token robots.txt names */
} ngi_fetch_opts;

typedef enum ngi_fetch_outcome {
	NGI_FETCH_OK = 0,          /* a 2xx: body */
	NGI_FETCH_NOT_MODIFIED,    /* a 304 to a conditional GET */
	NGI_FETCH_HTTP_ERROR,      /* a 4xx, or a 5xx after the retries */
	NGI_FETCH_TIMEOUT,         /* after the retries */
	NGI_FETCH_NETWORK,         /* connect, DNS, TLS...: after the retries */
	NGI_FETCH_TOOBIG,          /* the body passed max_bytes */
	NGI_FETCH_REDIRECT_LOOP,
	NGI_FETCH_TOO_MANY_REDIRECTS,
	NGI_FETCH_DISALLOWED,      /* by the host's robots.txt */
	NGI_FETCH_DEFERRED,        /* the host's robots.txt failed: later */
	NGI_FETCH_BAD_URL,         /* not an http(s) URL */
	NGI_FETCH_CANCELLED        /* the fetcher was freed before the answer */
} ngi_fetch_outcome;

/* Whether an outcome (with its HTTP status) is worth trying again at a
 * later poll: timeouts, network failures, a deferred host, a 5xx, a 408
 * or a 429. */
int ngi_fetch_transient(ngi_fetch_outcome o, long status);

typedef struct ngi_fetch_result {
	const char *url;          /* as requested */
	const char *final_url;    /* after the redirects */
	ngi_fetch_outcome outcome;
	long status;              /* the last HTTP status, 0 when none */
	int attempts;             /* requests made for it (1 + retries) */
	const char *error;        /* what went wrong, "" when OK */
	const char *body;         /* NUL-terminated (OK only, else NULL) */
	size_t len;
	const char *etag, *last_modified, *content_type; /* NULL when absent */
	void *user;
} ngi_fetch_result;

typedef void (*ngi_fetch_done_fn)(void *ctx, const ngi_fetch_result *r);

typedef struct ngi_fetcher ngi_fetcher;

/* A fetcher with options o (copied, strings too); done is called once for
 * every request added. NG_ERR_NOMEM, or NG_ERR_INTERNAL when libcurl
 * cannot start. */
ng_status ngi_fetcher_new(const ngi_fetch_opts *o, ngi_fetch_done_fn done,
			  void *ctx, ngi_fetcher **out);
void ngi_fetcher_free(ngi_fetcher *f);

/* Queues a GET of url; etag and last_modified (may be NULL) make it
 * conditional (If-None-Match, If-Modified-Since). Requests start in the
 * order added, as their hosts allow. */
ng_status ngi_fetch_add(ngi_fetcher *f, const char *url, const char *etag,
			const char *last_modified, void *user);

/* Runs until every request is answered, or stop(ctx) (checked every
 * 100 ms) returns nonzero: then the requests in flight or not started stay
 * queued, and ngi_fetcher_free answers them NGI_FETCH_CANCELLED (so the
 * caller can free what it hung on them). NG_OK, or NG_ERR_NOMEM. */
ng_status ngi_fetch_run(ngi_fetcher *f, int (*stop)(void *), void *stop_ctx);

/* Requests made so far (robots.txt and retries included). */
long long ngi_fetch_requests(const ngi_fetcher *f);

/* ---- scheduling, as pure functions (fetch_schedule.c) -------------------- */
/* Seconds to wait before try `attempt` (1 = the first retry): backoff,
 * doubled at each further try, at most backoff_max. */
double ngi_fetch_backoff(int attempt, double backoff, double backoff_max);
/* The delay between two starts on a host: the configured one, raised to
 * the robots.txt Crawl-delay (negative: none), the latter capped at
 * NGI_FETCH_MAX_CRAWL_DELAY. */
double ngi_fetch_host_delay(double configured, double crawl_delay);
/* The earliest time a host may start its next request: its last start
 * plus its delay (no request yet: at once). */
double ngi_fetch_host_ready(double last_start, int started, double delay);
/* When a feed is polled next, failures polls having failed in a row: now
 * plus interval, doubled per failure (interval * 2^failures), at most
 * max_wait seconds after now. */
long long ngi_fetch_next_poll(long long now, double interval, int failures,
			      double max_wait);

/* ---- URLs (fetch_url.c, over libcurl's URL parser) ------------------------ */
/* ref resolved against base (base may be NULL: ref must be absolute),
 * normalised; NULL when it is not an http(s) URL. In a. */
const char *ngi_url_resolve(const char *base, const char *ref, ngi_arena *a);
/* "scheme://host:port" of an http(s) URL and its path with the query
 * ("/a?b"); NG_ERR_INPUT when url is not one. In a. */
ng_status ngi_url_split(const char *url, ngi_arena *a, const char **origin,
			const char **path);

#endif
