/*
 * page_search.c: "/search?q=WORDS&page=N": full-text search over article
 * titles and bodies (ng_search_open, docs/SEARCH.md), best first,
 * NGW_SEARCH_PER_PAGE a page, each hit with its story and a snippet whose
 * matched words are marked: the snippet is escaped piece by piece between
 * the engine's U+0002/U+0003 marks, so an article's text never becomes
 * markup. Served only: the static site has no server to ask.
 */
#include "web_int.h"

#include <string.h>

/* The snippet with <mark> around the words between \x02 and \x03. */
static void snippet(ngw_ctx *c, const char *s)
{
	int open = 0;
	while (s && *s) {
		size_t n = strcspn(s, "\x02\x03");
		ngw_textn(c, s, n);
		s += n;
		if (!*s)
			break;
		if (*s == '\x02' && !open) {
			ngw_raw(c, "<mark>");
			open = 1;
		} else if (*s == '\x03' && open) {
			ngw_raw(c, "</mark>");
			open = 0;
		}
		s++;
	}
	if (open)
		ngw_raw(c, "</mark>");
}

static void href_page(ngw_ctx *c, const char *q, long long page)
{
	ngw_raw(c, "/search?q=");
	ngw_url_part(c, q);
	ngw_fmt(c, "&amp;page=%lld", page);
}

void ngw_page_search(ngw_ctx *c)
{
	const char *q = ngw_param(c, "q");
	const char *page_s = ngw_param(c, "page");
	long long page = 1;
	if (page_s && *page_s && !ngw_parse_int(page_s, 1, NGW_MAX_PAGE, &page)) {
		ngw_error_page(c, 400, "Bad request",
			       "page takes a whole number from 1 to 100000.");
		return;
	}
	if (q && strlen(q) > NGW_MAX_QUERY) {
		ngw_error_page(c, 400, "Bad request",
			       "The search is too long (at most 500 bytes).");
		return;
	}
	ngw_page_begin(c, q && *q ? q : "Search");
	ngw_raw(c, "<h1>Search</h1>\n");
	if (!q || !*q) {
		ngw_raw(c, "<p>Type words in the search box: all of them must occur "
			   "(any case, any accents); &quot;a phrase&quot; in double "
			   "quotes; word* for a prefix; OR between words; -word "
			   "leaves out.</p>\n");
		ngw_page_end(c);
		return;
	}
	ng_cursor *cur = NULL;
	ng_status st = ng_search_open(c->e, q, NGW_SEARCH_PER_PAGE + 1,
				      (page - 1) * NGW_SEARCH_PER_PAGE, &cur);
	if (st != NG_OK) {
		c->status = st == NG_ERR_USAGE ? 400 : 500;
		const char *why = ng_errmsg(c->e);
		ngw_raw(c, "<p class=\"error\" role=\"alert\">Search failed: ");
		if (why && *why) {
			ngw_text(c, why);
		} else {
			ngw_raw(c, "full-text search is not available in this build (");
			ngw_text(c, ng_status_str(st));
			ngw_raw(c, ")");
		}
		ngw_raw(c, "</p>\n");
		ngw_page_end(c);
		return;
	}
	ngw_raw(c, "<p class=\"muted\">Articles matching <q>");
	ngw_text(c, q);
	ngw_raw(c, "</q>, best first.</p>\n<ol class=\"hits\">\n");
	int rows = 0, more = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (rows == NGW_SEARCH_PER_PAGE) {
			more = 1;
			break;
		}
		rows++;
		const char *id = ng_cursor_column_text(cur, 0);
		long long story = ng_cursor_column_int64(cur, 1);
		ngw_raw(c, "<li class=\"hit\"><h2 class=\"hit-title\">");
		ngw_link_article(c, id, ng_cursor_column_text(cur, 2));
		ngw_raw(c, "</h2>\n<p class=\"meta\">");
		ngw_text(c, ng_cursor_column_text(cur, 3));
		const char *published = ng_cursor_column_text(cur, 4);
		if (published) {
			ngw_raw(c, " \xC2\xB7 ");
			ngw_text(c, published);
		}
		ngw_raw(c, " \xC2\xB7 ");
		ngw_link_story(c, story, NULL);
		ngw_raw(c, "</p>\n<p class=\"snippet\">");
		snippet(c, ng_cursor_column_text(cur, 5));
		ngw_raw(c, "</p></li>\n");
	}
	ng_cursor_close(cur);
	ngw_raw(c, "</ol>\n");
	if (st != NG_ROW && st != NG_DONE) {
		ngw_cursor_error(c, "the search");
	} else if (rows == 0) {
		ngw_raw(c, "<p>No article matches.</p>\n");
	}
	if (page > 1 || more) {
		ngw_raw(c, "<nav class=\"pager\" aria-label=\"Pages\">");
		if (page > 1) {
			ngw_raw(c, "<a rel=\"prev\" href=\"");
			href_page(c, q, page - 1);
			ngw_raw(c, "\">\xE2\x86\x90 Previous</a> ");
		}
		ngw_fmt(c, "<span>Page %lld</span>", page);
		if (more) {
			ngw_raw(c, " <a rel=\"next\" href=\"");
			href_page(c, q, page + 1);
			ngw_raw(c, "\">Next \xE2\x86\x92</a>");
		}
		ngw_raw(c, "</nav>\n");
	}
	ngw_page_end(c);
}
