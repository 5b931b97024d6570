/*
 * web.h: the pages of newsgraph's web view (docs/WEB.md), rendered from the
 * public API alone: the story list, a story (timeline, copy tree, quotes,
 * claims), an article, an entity, search, and the embedded assets (CSS,
 * script). The HTTP server (src/serve/) answers every path outside /api/
 * with ngw_render; `newsgraph report --html` writes the same pages as a
 * static site with ngw_write_site.
 */
#ifndef NG_WEB_H
#define NG_WEB_H

#include <newsgraph.h>

#include <stddef.h>
#include <stdio.h>

/* A query parameter by name, decoded (UTF-8), NULL when absent; the string
 * stays valid until ngw_render returns (libmicrohttpd's connection values
 * do). */
typedef const char *(*ngw_param_fn)(void *ctx, const char *name);

typedef struct ngw_request {
	const char *path;   /* decoded path, from '/', without the query */
	ngw_param_fn param; /* may be NULL: no parameters */
	void *param_ctx;
} ngw_request;

typedef struct ngw_page {
	int status;               /* HTTP status: 200, 400, 404, 500 ... */
	const char *content_type; /* a static string */
	const char *body;         /* the bytes: owned when owned is set */
	size_t len;
	int owned;                /* body is malloc'ed: ngw_page_free frees it */
	int immutable;            /* an embedded asset: cacheable for ever */
} ngw_page;

/* Renders the page or asset at rq->path with engine e (read-only is
 * enough). Returns 1 when the path belongs to the web view (page filled;
 * its status may be 404 for an unknown story), 0 when it does not (the
 * server answers for it), -1 when out of memory. */
int ngw_render(ng_engine *e, const ngw_request *rq, ngw_page *page);
void ngw_page_free(ngw_page *page);

/* Writes the web view as static files under dir (created if needed):
 * every story (or only story when nonzero) with its articles and
 * entities, linked relatively so the folder works from a file system or
 * any web server. Progress and problems go to log (may be NULL). */
ng_status ngw_write_site(ng_engine *e, const char *dir, long long story,
			 FILE *log);

#endif
