/*
 * page_list.c: the story list, "/" (docs/WEB.md): the stories largest
 * first, NGW_STORIES_PER_PAGE at a time with previous/next links, filtered
 * by language, words (full-text, ng_story_filter.match), date range and
 * minimum size (a form that works without
 * script; bad values are a 400 page saying which). In the static site the
 * pages are index.html, list-2.html ... and the filter is the script's,
 * over the rows of the page.
 */
#include "web_int.h"

#include <string.h>

typedef struct list_query {
	const char *lang, *from, *to;
	const char *match; /* full-text: stories with an article that matches */
	long long min_size, page;
} list_query;

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD", digits where digits go. */
static int valid_date(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	if (n >= 7) {
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		if (m < 1 || m > 12)
			return 0;
	}
	if (n == 10) {
		int d = (s[8] - '0') * 10 + (s[9] - '0');
		if (d < 1 || d > 31)
			return 0;
	}
	return 1;
}

static int valid_lang(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* Empty parameters are absent (a form sends every field). */
static const char *given(ngw_ctx *c, const char *name)
{
	const char *v = ngw_param(c, name);
	return v && *v ? v : NULL;
}

/* Reads and checks the parameters; 0 after writing a 400 page. */
static int read_query(ngw_ctx *c, list_query *q)
{
	memset(q, 0, sizeof *q);
	q->page = 1;
	q->lang = given(c, "lang");
	q->from = given(c, "from");
	q->to = given(c, "to");
	q->match = given(c, "match");
	const char *min = given(c, "min");
	const char *page = given(c, "page");
	const char *bad = NULL;
	if (q->lang && !valid_lang(q->lang))
		bad = "lang takes a language code of two or three small letters, such as en.";
	else if (q->from && !valid_date(q->from))
		bad = "from takes a date: YYYY, YYYY-MM or YYYY-MM-DD.";
	else if (q->to && !valid_date(q->to))
		bad = "to takes a date: YYYY, YYYY-MM or YYYY-MM-DD.";
	else if (min && !ngw_parse_int(min, 0, 1000000000, &q->min_size))
		bad = "min takes a whole number of articles, 0 or more.";
	else if (page && !ngw_parse_int(page, 1, NGW_MAX_PAGE, &q->page))
		bad = "page takes a whole number from 1 to 100000.";
	else if (q->match && strlen(q->match) > NGW_MAX_QUERY)
		bad = "match takes at most 500 bytes of words.";
	if (bad) {
		ngw_error_page(c, 400, "Bad request", bad);
		return 0;
	}
	return 1;
}

/* The list's address for another page with the same filters. */
static void href_list(ngw_ctx *c, const list_query *q, long long page)
{
	if (c->is_static) {
		if (page <= 1)
			ngw_fmt(c, "%sindex.html", c->root);
		else
			ngw_fmt(c, "%slist-%lld.html", c->root, page);
		return;
	}
	ngw_raw(c, "/?");
	const char *sep = "";
	const struct { const char *name, *value; } f[] = {
		{"lang", q->lang}, {"from", q->from}, {"to", q->to}, {"match", q->match}};
	for (size_t i = 0; i < NGI_ARRAY_LEN(f); i++) {
		if (!f[i].value)
			continue;
		ngw_fmt(c, "%s%s=", sep, f[i].name);
		ngw_url_part(c, f[i].value);
		sep = "&amp;";
	}
	if (q->min_size)
		ngw_fmt(c, "%smin=%lld", sep, q->min_size), sep = "&amp;";
	ngw_fmt(c, "%spage=%lld", sep, page);
}

static void filter_form(ngw_ctx *c, const list_query *q)
{
	ngw_raw(c, "<form class=\"filters\" action=\"/\" method=\"get\">\n"
		   "<div><label for=\"f-lang\">Language</label>"
		   "<input id=\"f-lang\" name=\"lang\" size=\"4\" maxlength=\"3\" "
		   "pattern=\"[a-z]{2,3}\" placeholder=\"en\" value=\"");
	ngw_text(c, q->lang);
	ngw_raw(c, "\"></div>\n<div><label for=\"f-match\">Words</label>"
		   "<input id=\"f-match\" name=\"match\" size=\"16\" maxlength=\"500\" "
		   "placeholder=\"in an article\" value=\"");
	ngw_text(c, q->match);
	ngw_raw(c, "\"></div>\n<div><label for=\"f-from\">From</label>"
		   "<input id=\"f-from\" name=\"from\" size=\"10\" maxlength=\"10\" "
		   "placeholder=\"YYYY-MM-DD\" value=\"");
	ngw_text(c, q->from);
	ngw_raw(c, "\"></div>\n<div><label for=\"f-to\">To</label>"
		   "<input id=\"f-to\" name=\"to\" size=\"10\" maxlength=\"10\" "
		   "placeholder=\"YYYY-MM-DD\" value=\"");
	ngw_text(c, q->to);
	ngw_raw(c, "\"></div>\n<div><label for=\"f-min\">At least</label>"
		   "<input id=\"f-min\" name=\"min\" type=\"number\" min=\"0\" "
		   "size=\"4\" value=\"");
	if (q->min_size)
		ngw_fmt(c, "%lld", q->min_size);
	ngw_raw(c, "\"> articles</div>\n"
		   "<div><button type=\"submit\">Filter</button> "
		   "<a href=\"/\">Clear</a></div>\n</form>\n");
}

/* The day of an ISO 8601 date or date-time. */
static void day(ngw_ctx *c, const char *iso)
{
	if (iso)
		ngw_textn(c, iso, strnlen(iso, 10));
}

/* Writes one page of the story list; returns whether a next page has
 * stories. */
static int story_table(ngw_ctx *c, const list_query *q)
{
	ng_story_filter f = NG_STORY_FILTER_INIT;
	f.lang = q->lang;
	f.from = q->from;
	f.to = q->to;
	f.min_size = q->min_size;
	f.match = q->match;
	f.limit = NGW_STORIES_PER_PAGE + 1; /* one more: is there a next page? */
	f.offset = (q->page - 1) * NGW_STORIES_PER_PAGE;
	ng_cursor *cur = NULL;
	if (ng_stories_open(c->e, &f, &cur) != NG_OK) {
		ngw_cursor_error(c, "the stories");
		return 0;
	}
	ngw_raw(c, "<div class=\"table-wrap\">\n<table class=\"stories\" id=\"story-list\">\n"
		   "<caption class=\"visually-hidden\">Stories, largest first</caption>\n"
		   "<thead><tr><th scope=\"col\">Story</th><th scope=\"col\">Articles</th>"
		   "<th scope=\"col\">Languages</th><th scope=\"col\">First seen</th>"
		   "<th scope=\"col\">Last seen</th></tr></thead>\n<tbody>\n");
	ng_status st;
	int rows = 0, more = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (rows == NGW_STORIES_PER_PAGE) {
			more = 1;
			break;
		}
		rows++;
		long long story = ng_cursor_column_int64(cur, 0);
		ngw_raw(c, "<tr><td class=\"title\">");
		ngw_link_story(c, story, ng_cursor_column_text(cur, 5));
		long long size = ng_cursor_column_int64(cur, 1);
		ngw_fmt(c, " <span class=\"muted\">#%lld</span></td><td class=\"num\">%lld"
			   "<span class=\"unit\"> article%s</span></td><td>",
			story, size, size == 1 ? "" : "s");
		ngw_text(c, ng_cursor_column_text(cur, 2));
		/* the days: a time of day would only widen the column */
		ngw_raw(c, "</td><td class=\"date\">");
		day(c, ng_cursor_column_text(cur, 3));
		ngw_raw(c, "</td><td class=\"date\">");
		day(c, ng_cursor_column_text(cur, 4));
		ngw_raw(c, "</td></tr>\n");
	}
	ng_cursor_close(cur);
	ngw_raw(c, "</tbody>\n</table>\n</div>\n");
	if (st != NG_ROW && st != NG_DONE) {
		ngw_cursor_error(c, "the stories");
		return 0;
	}
	if (rows == 0)
		ngw_raw(c, q->page > 1 ? "<p>No stories on this page.</p>\n"
				       : "<p>No stories match.</p>\n");
	if (q->page > 1 || more) {
		ngw_raw(c, "<nav class=\"pager\" aria-label=\"Pages\">");
		if (q->page > 1) {
			ngw_raw(c, "<a rel=\"prev\" href=\"");
			href_list(c, q, q->page - 1);
			ngw_raw(c, "\">\xE2\x86\x90 Previous</a> ");
		}
		ngw_fmt(c, "<span>Page %lld</span>", q->page);
		if (more) {
			ngw_raw(c, " <a rel=\"next\" href=\"");
			href_list(c, q, q->page + 1);
			ngw_raw(c, "\">Next \xE2\x86\x92</a>");
		}
		ngw_raw(c, "</nav>\n");
	}
	return more;
}

void ngw_page_stories(ngw_ctx *c)
{
	list_query q;
	if (!read_query(c, &q))
		return;
	ngw_page_begin(c, "Stories");
	ngw_raw(c, "<h1>Stories</h1>\n");
	if (!c->is_static)
		filter_form(c, &q);
	story_table(c, &q);
	ngw_page_end(c);
}

void ngw_page_stories_static(ngw_ctx *c, long long page, int *more)
{
	list_query q = {.page = page};
	ngw_page_begin(c, "Stories");
	ngw_raw(c, "<h1>Stories</h1>\n<p class=\"muted\" id=\"filter-place\">Each "
		   "story groups the articles that report one event, in any "
		   "language.</p>\n");
	*more = story_table(c, &q);
	ngw_page_end(c);
}
