/*
 * fetch_url.c: URLs for the fetcher and the watch loop (fetch.h): a link
 * resolved against the page or feed it came from, and a URL split into
 * its origin (the host a politeness budget belongs to) and its path with
 * the query (what robots.txt rules match). libcurl's URL parser does the
 * parsing, so the fetcher and the parser never disagree on a URL.
 */
#include "fetch.h"

#include <ctype.h>
#include <curl/curl.h>
#include <string.h>
#include <strings.h>

/* A parsed http(s) URL, or NULL. */
static CURLU *parse(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	if (!u)
		return NULL;
	int bad = 0;
	if (base)
		bad = curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK;
	if (!bad)
		bad = curl_url_set(u, CURLUPART_URL, ref, 0) != CURLUE_OK;
	char *scheme = NULL;
	if (!bad)
		bad = curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
		      (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"));
	curl_free(scheme);
	if (bad) {
		curl_url_cleanup(u);
		return NULL;
	}
	return u;
}

static const char *dup_part(CURLU *u, CURLUPart part, unsigned flags,
			    ngi_arena *a, int *failed)
{
	char *v = NULL;
	if (curl_url_get(u, part, &v, flags) != CURLUE_OK) {
		*failed = 1;
		return NULL;
	}
	const char *c = ngi_arena_strdup(a, v);
	curl_free(v);
	if (!c)
		*failed = 1;
	return c;
}

const char *ngi_url_resolve(const char *base, const char *ref, ngi_arena *a)
{
	if (!ref || !*ref)
		return NULL;
	CURLU *u = parse(base, ref);
	if (!u)
		return NULL;
	/* the fragment never reaches the server: one item, one URL */
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	int failed = 0;
	const char *out = dup_part(u, CURLUPART_URL, 0, a, &failed);
	curl_url_cleanup(u);
	return failed ? NULL : out;
}

ng_status ngi_url_split(const char *url, ngi_arena *a, const char **origin,
			const char **path)
{
	CURLU *u = parse(NULL, url);
	if (!u)
		return NG_ERR_INPUT;
	int failed = 0;
	const char *scheme = dup_part(u, CURLUPART_SCHEME, 0, a, &failed);
	const char *host = dup_part(u, CURLUPART_HOST, 0, a, &failed);
	const char *port = dup_part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT, a, &failed);
	const char *p = dup_part(u, CURLUPART_PATH, 0, a, &failed);
	char *query = NULL;
	if (!failed && curl_url_get(u, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
		query = NULL; /* none */
	curl_url_cleanup(u);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = failed ? NG_ERR_INPUT : NG_OK;
	if (!st && ngi_buf_printf(&b, "%s://%s:%s", scheme, host, port))
		st = NG_ERR_NOMEM;
	char *o = NULL;
	if (!st && !(o = ngi_arena_strdup(a, b.data)))
		st = NG_ERR_NOMEM;
	for (char *c = o; c && *c; c++) /* one host, however it is written */
		*c = (char)tolower((unsigned char)*c);
	ngi_buf_clear(&b);
	if (!st && (ngi_buf_puts(&b, p) ||
		    (query && (ngi_buf_putc(&b, '?') || ngi_buf_puts(&b, query)))))
		st = NG_ERR_NOMEM;
	const char *pq = NULL;
	if (!st && !(pq = ngi_arena_strdup(a, b.data)))
		st = NG_ERR_NOMEM;
	ngi_buf_free(&b);
	curl_free(query);
	if (!st) {
		*origin = o;
		*path = pq;
	}
	return st;
}
