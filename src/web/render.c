/*
 * render.c: ngw_render, the web view's router. Maps a path to its page
 * ("/", "/search", "/stories/N", "/articles/ID", "/entities/KEY",
 * "/copies?copy=A&original=B") or to an embedded asset ("/assets/NAME",
 * matched exactly against the table, so no path leaves the asset set);
 * anything else outside /api/ is a 404 page. The HTTP server (src/serve/)
 * calls it for every path but /api/; site.c calls the page functions
 * directly.
 */
#include "assets.h"
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

const ngw_asset *ngw_asset_find(const char *name)
{
	for (const ngw_asset *a = ngw_assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/* What follows prefix in path (NULL when path does not start with it). */
static const char *after(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 ? path + n : NULL;
}

static void route(ngw_ctx *c, const char *path)
{
	const char *rest;
	if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
		ngw_page_stories(c);
	} else if (strcmp(path, "/search") == 0) {
		ngw_page_search(c);
	} else if ((rest = after(path, "/stories/")) != NULL) {
		long long story;
		if (ngw_parse_int(rest, 1, (long long)1 << 62, &story))
			ngw_page_story(c, story);
		else
			ngw_error_page(c, 404, "Not found",
				       "A story's address is /stories/ and its number.");
	} else if ((rest = after(path, "/articles/")) != NULL && *rest) {
		ngw_page_article(c, rest);
	} else if ((rest = after(path, "/entities/")) != NULL && *rest) {
		ngw_page_entity(c, rest, ngw_param(c, "type"));
	} else if (strcmp(path, "/copies") == 0) {
		/* copied: a server's parameter strings need not outlive the
		 * next lookup */
		const char *p = ngw_param(c, "copy");
		char *copy = p && *p ? strdup(p) : NULL;
		int out_of_memory = p && *p && !copy;
		p = ngw_param(c, "original");
		char *original = p && *p ? strdup(p) : NULL;
		out_of_memory |= p && *p && !original;
		if (out_of_memory)
			c->failed = 1;
		else if (!copy || !original)
			ngw_error_page(c, 400, "Bad request",
				       "A copy's page needs ?copy=ID&original=ID.");
		else
			ngw_page_copies(c, copy, original);
		free(copy);
		free(original);
	} else {
		ngw_error_page(c, 404, "Not found", "There is no page at this address.");
	}
}

int ngw_render(ng_engine *e, const ngw_request *rq, ngw_page *page)
{
	const char *path = rq ? rq->path : NULL;
	if (!path)
		path = "";
	if (strcmp(path, "/api") == 0 || strncmp(path, "/api/", 5) == 0)
		return 0;
	memset(page, 0, sizeof *page);
	const char *name = after(path, "/assets/");
	if (name) {
		const ngw_asset *a = strchr(name, '/') ? NULL : ngw_asset_find(name);
		if (a) {
			page->status = 200;
			page->content_type = a->content_type;
			page->body = a->bytes;
			page->len = a->len;
			page->immutable = 1;
			return 1;
		}
		/* an unknown asset, "..", an encoded dot: not ours to give */
	}
	ngw_ctx c = {.e = e, .rq = rq, .status = 200, .root = ""};
	ngi_buf_init(&c.out, NGW_MAX_PAGE_BYTES);
	if (name || path[0] != '/')
		ngw_error_page(&c, 404, "Not found", "There is no page at this address.");
	else
		route(&c, path);
	if (c.failed) {
		/* out of memory or a page past its cap: a short page instead */
		ngi_buf_free(&c.out);
		static const char msg[] = "<!DOCTYPE html>\n<title>Error</title>\n"
					  "<p>This page could not be made (out of memory "
					  "or too large).</p>\n";
		page->status = 500;
		page->content_type = "text/html; charset=utf-8";
		page->body = msg;
		page->len = sizeof msg - 1;
		return 1;
	}
	page->status = c.status;
	page->content_type = "text/html; charset=utf-8";
	page->len = c.out.len;
	page->body = ngi_buf_steal(&c.out);
	if (!page->body) {
		page->len = 0;
		return -1;
	}
	page->owned = 1;
	return 1;
}

void ngw_page_free(ngw_page *page)
{
	if (!page)
		return;
	if (page->owned)
		free((void *)page->body);
	page->body = NULL;
	page->owned = 0;
	page->len = 0;
}
