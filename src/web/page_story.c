/*
 * page_story.c: "/stories/N", one story (docs/WEB.md): its title,
 * languages and dates; its articles (NGW_ARTICLES_PER_PAGE at a time,
 * ?apage=N), each a link to read it; the timeline and the copy tree as
 * pictures (svg_timeline.c, svg_copy_tree.c); the quotes grouped by
 * speaker (a quote carried by several articles once, with each of them);
 * the claims with who made them, who reported them and who denied or
 * confirmed them; the related stories. Every list is capped.
 */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

static void section_head(ngw_ctx *c, const char *id, const char *title)
{
	ngw_fmt(c, "<section class=\"block\" id=\"%s\" aria-labelledby=\"%s-h\">\n"
		   "<h2 id=\"%s-h\">%s</h2>\n", id, id, id, title);
}

/* ---- articles ----------------------------------------------------------------- */

static void articles(ngw_ctx *c, long long story, long long size)
{
	long long page = 1;
	const char *page_s = ngw_param(c, "apage");
	if (page_s && *page_s)
		ngw_parse_int(page_s, 1, NGW_MAX_PAGE, &page); /* else page 1 */
	long long per_page = c->is_static ? NGW_ARTICLES_PER_PAGE * 10
					  : NGW_ARTICLES_PER_PAGE;
	long long skip = (page - 1) * per_page;
	section_head(c, "articles", "Articles");
	ng_cursor *cur = NULL;
	if (ng_story_articles_open(c->e, story, &cur) != NG_OK) {
		ngw_cursor_error(c, "the articles");
		return;
	}
	ngw_raw(c, "<div class=\"table-wrap\">\n<table class=\"articles\">\n"
		   "<thead><tr><th scope=\"col\">Article</th><th scope=\"col\">Outlet</th>"
		   "<th scope=\"col\">Language</th><th scope=\"col\">Published</th>"
		   "<th scope=\"col\">Words</th></tr></thead>\n<tbody>\n");
	ng_status st;
	long long seen = 0, shown = 0;
	int more = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (seen++ < skip)
			continue;
		if (shown == per_page) {
			more = 1;
			break;
		}
		shown++;
		const char *id = ng_cursor_column_text(cur, 0);
		ngw_raw(c, "<tr><td class=\"title\">");
		ngw_link_article(c, id, ng_cursor_column_text(cur, 2));
		ngw_raw(c, "</td><td>");
		ngw_text(c, ng_cursor_column_text(cur, 8));
		ngw_raw(c, "</td><td>");
		ngw_text(c, ng_cursor_column_text(cur, 3));
		ngw_raw(c, "</td><td>");
		const char *published = ng_cursor_column_text(cur, 5);
		if (published) {
			ngw_text(c, published);
			const char *source = ng_cursor_column_text(cur, 6);
			if (source && strcmp(source, "metadata") != 0) {
				ngw_raw(c, " <span class=\"muted\">(");
				ngw_text(c, source);
				ngw_raw(c, ")</span>");
			}
		} else {
			ngw_raw(c, "<span class=\"muted\">unknown</span>");
		}
		long long words = ng_cursor_column_int64(cur, 12);
		ngw_fmt(c, "</td><td class=\"num\">%lld<span class=\"unit\"> word%s</span></td></tr>\n",
			words, words == 1 ? "" : "s");
	}
	ng_cursor_close(cur);
	ngw_raw(c, "</tbody>\n</table>\n</div>\n");
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the articles");
	if (c->is_static && more) {
		ngw_fmt(c, "<p class=\"muted\">The first %lld of %lld articles; "
			   "<code>newsgraph serve</code> pages through all.</p>\n",
			per_page, size);
	} else if (page > 1 || more) {
		ngw_raw(c, "<nav class=\"pager\" aria-label=\"Pages of articles\">");
		if (page > 1)
			ngw_fmt(c, "<a rel=\"prev\" href=\"/stories/%lld?apage=%lld#articles\">"
				   "\xE2\x86\x90 Previous</a> ", story, page - 1);
		ngw_fmt(c, "<span>Articles %lld\xE2\x80\x93%lld of %lld</span>", skip + 1,
			skip + shown, size);
		if (more)
			ngw_fmt(c, " <a rel=\"next\" href=\"/stories/%lld?apage=%lld#articles\">"
				   "Next \xE2\x86\x92</a>", story, page + 1);
		ngw_raw(c, "</nav>\n");
	}
	ngw_raw(c, "</section>\n");
}

/* ---- quotes by speaker ---------------------------------------------------------- */

typedef struct quote_row {
	char *article, *text, *speaker, *speaker_key, *lang;
	long long group; /* 0: none (indirect speech) */
	int direct;
	int shown;       /* written already (with an earlier row of its group) */
} quote_row;

static char *dup_or_null(ngi_arena *a, const char *s)
{
	return s ? ngi_arena_strdup(a, s) : NULL;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void quotes(ngw_ctx *c, long long story)
{
	section_head(c, "quotes", "Quotes by speaker");
	ng_said_filter f = NG_SAID_FILTER_INIT;
	f.story = story;
	f.limit = NGW_MAX_QUOTES + 1;
	ng_cursor *cur = NULL;
	if (ng_quotes_open(c->e, &f, &cur) != NG_OK) {
		ngw_cursor_error(c, "the quotes");
		ngw_raw(c, "</section>\n");
		return;
	}
	ngi_arena arena;
	ngi_arena_init(&arena, 64 * 1024);
	quote_row *rows = calloc(NGW_MAX_QUOTES, sizeof *rows);
	size_t n = 0;
	int more = 0;
	ng_status st = NG_DONE;
	while (rows && (st = ng_cursor_step(cur)) == NG_ROW) {
		if (n == NGW_MAX_QUOTES) {
			more = 1;
			break;
		}
		quote_row *r = &rows[n++];
		r->article = dup_or_null(&arena, ng_cursor_column_text(cur, 0));
		r->direct = (int)ng_cursor_column_int64(cur, 6);
		r->text = dup_or_null(&arena, ng_cursor_column_text(cur, 7));
		const char *speaker = ng_cursor_column_text(cur, 8);
		if (!speaker)
			speaker = ng_cursor_column_text(cur, 9); /* as written */
		r->speaker = dup_or_null(&arena, speaker);
		r->speaker_key = dup_or_null(&arena, ng_cursor_column_text(cur, 10));
		r->group = ng_cursor_column_int64(cur, 11);
		r->lang = dup_or_null(&arena, ng_cursor_column_text(cur, 14));
		if (!r->article || !r->text)
			c->failed = 1; /* out of memory */
	}
	ng_cursor_close(cur);
	if (!rows)
		c->failed = 1;
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the quotes");
	if (n == 0)
		ngw_raw(c, "<p class=\"muted\">No quotes found.</p>\n");
	/* each speaker in the order of their first quote, with all their
	 * quotes; a quote group's articles listed with its first row */
	for (size_t i = 0; i < n; i++) {
		if (rows[i].shown)
			continue;
		const quote_row *who = &rows[i];
		ngw_raw(c, "<div class=\"speaker\"><h3>");
		if (who->speaker)
			ngw_link_entity(c, who->speaker_key, NULL, who->speaker);
		else
			ngw_raw(c, "Unknown speaker");
		ngw_raw(c, "</h3>\n<ul class=\"quotes\">\n");
		for (size_t j = i; j < n; j++) {
			quote_row *q = &rows[j];
			if (q->shown || !same(q->speaker, who->speaker) ||
			    !same(q->speaker_key, who->speaker_key))
				continue;
			q->shown = 1;
			ngw_fmt(c, "<li class=\"%s\" lang=\"", q->direct ? "direct" : "indirect");
			ngw_text(c, q->lang);
			ngw_raw(c, "\"><blockquote>");
			if (q->direct)
				ngw_raw(c, "\xE2\x80\x9C");
			ngw_text_cut(c, q->text, 600);
			if (q->direct)
				ngw_raw(c, "\xE2\x80\x9D");
			ngw_raw(c, "</blockquote><p class=\"meta\" lang=\"en\">");
			ngw_raw(c, q->direct ? "quoted in " : "reported speech in ");
			ngw_link_article(c, q->article, NULL);
			int also = 0;
			for (size_t k = j + 1; q->group && k < n; k++) {
				if (rows[k].group != q->group || rows[k].shown ||
				    same(rows[k].article, q->article))
					continue;
				rows[k].shown = 1;
				ngw_raw(c, also++ ? ", " : "; also in ");
				ngw_link_article(c, rows[k].article, NULL);
			}
			ngw_raw(c, "</p></li>\n");
		}
		ngw_raw(c, "</ul></div>\n");
	}
	if (more)
		ngw_fmt(c, "<p class=\"muted\">The first %d quotes.</p>\n", NGW_MAX_QUOTES);
	free(rows);
	ngi_arena_free(&arena);
	ngw_raw(c, "</section>\n");
}

/* ---- claims ---------------------------------------------------------------------- */

static const char *stance_label(const char *stance)
{
	if (!stance)
		return "responds";
	if (!strcmp(stance, "deny"))
		return "denies";
	if (!strcmp(stance, "confirm"))
		return "confirms";
	if (!strcmp(stance, "no_comment"))
		return "declines to comment";
	return stance;
}

static void claim_reports(ngw_ctx *c, long long claim)
{
	ng_cursor *cur = NULL;
	if (ng_claim_reports_open(c->e, claim, &cur) != NG_OK) {
		ngw_cursor_error(c, "the claim's reports");
		return;
	}
	ngw_raw(c, "<p class=\"meta\">Reported in ");
	ng_status st;
	int n = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (n == 10) {
			ngw_raw(c, " and more");
			break;
		}
		if (n++)
			ngw_raw(c, ", ");
		ngw_link_article(c, ng_cursor_column_text(cur, 0), NULL);
		const char *lang = ng_cursor_column_text(cur, 6);
		if (lang) {
			ngw_raw(c, " <span class=\"muted\">(");
			ngw_text(c, lang);
			ngw_raw(c, ")</span>");
		}
	}
	ng_cursor_close(cur);
	if (!n)
		ngw_raw(c, "no article");
	ngw_raw(c, "</p>\n");
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the claim's reports");
}

static void claim_responses(ngw_ctx *c, long long claim)
{
	ng_cursor *cur = NULL;
	if (ng_claim_responses_open(c->e, claim, &cur) != NG_OK) {
		ngw_cursor_error(c, "the claim's responses");
		return;
	}
	ng_status st;
	int n = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (n == NGW_MAX_RESPONSES) {
			ngw_fmt(c, "<li class=\"muted\">The first %d responses.</li>\n",
				NGW_MAX_RESPONSES);
			break;
		}
		if (!n++)
			ngw_raw(c, "<ul class=\"responses\">\n");
		const char *stance = ng_cursor_column_text(cur, 2);
		const char *who = ng_cursor_column_text(cur, 3);
		if (!who)
			who = ng_cursor_column_text(cur, 5);
		ngw_raw(c, "<li><span class=\"badge stance-");
		ngw_text(c, stance ? stance : "other");
		ngw_raw(c, "\">");
		ngw_text(c, stance_label(stance));
		ngw_raw(c, "</span> ");
		if (who)
			ngw_link_entity(c, ng_cursor_column_text(cur, 4), NULL, who);
		else
			ngw_raw(c, "someone");
		ngw_raw(c, " in ");
		ngw_link_article(c, ng_cursor_column_text(cur, 0), NULL);
		const char *date = ng_cursor_column_text(cur, 7);
		if (date) {
			ngw_raw(c, " <span class=\"muted\">");
			ngw_text(c, date);
			ngw_raw(c, "</span>");
		}
		ngw_raw(c, "<blockquote>");
		ngw_text_cut(c, ng_cursor_column_text(cur, 6), 400);
		ngw_raw(c, "</blockquote></li>\n");
	}
	ng_cursor_close(cur);
	if (n)
		ngw_raw(c, "</ul>\n");
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the claim's responses");
}

static void claims(ngw_ctx *c, long long story)
{
	section_head(c, "claims", "Claims, who makes them, who denies them");
	ng_said_filter f = NG_SAID_FILTER_INIT;
	f.story = story;
	f.limit = NGW_MAX_CLAIMS + 1;
	ng_cursor *cur = NULL;
	if (ng_claims_open(c->e, &f, &cur) != NG_OK) {
		ngw_cursor_error(c, "the claims");
		ngw_raw(c, "</section>\n");
		return;
	}
	ng_status st;
	int n = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		if (n == NGW_MAX_CLAIMS) {
			ngw_fmt(c, "<p class=\"muted\">The first %d claims.</p>\n",
				NGW_MAX_CLAIMS);
			break;
		}
		n++;
		long long claim = ng_cursor_column_int64(cur, 0);
		const char *kind = ng_cursor_column_text(cur, 2);
		const char *claimant = ng_cursor_column_text(cur, 3);
		ngw_fmt(c, "<article class=\"claim\" id=\"claim-%lld\">\n<h3><span class=\"badge kind\">", claim);
		ngw_text(c, kind);
		ngw_raw(c, "</span> ");
		ngw_text_cut(c, ng_cursor_column_text(cur, 1), 400);
		ngw_raw(c, "</h3>\n<p class=\"meta\">");
		if (claimant) {
			ngw_raw(c, "Claimed by ");
			ngw_link_entity(c, ng_cursor_column_text(cur, 4), NULL, claimant);
		} else {
			ngw_raw(c, "Claimant unknown");
		}
		long long denials = ng_cursor_column_int64(cur, 8);
		ngw_fmt(c, " \xC2\xB7 %lld report%s \xC2\xB7 %lld response%s",
			ng_cursor_column_int64(cur, 6),
			ng_cursor_column_int64(cur, 6) == 1 ? "" : "s",
			ng_cursor_column_int64(cur, 7),
			ng_cursor_column_int64(cur, 7) == 1 ? "" : "s");
		if (denials)
			ngw_fmt(c, " (<strong>%lld denial%s</strong>)", denials,
				denials == 1 ? "" : "s");
		ngw_raw(c, "</p>\n");
		claim_reports(c, claim);
		claim_responses(c, claim);
		ngw_raw(c, "</article>\n");
	}
	ng_cursor_close(cur);
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the claims");
	if (!n)
		ngw_raw(c, "<p class=\"muted\">No claims found.</p>\n");
	ngw_raw(c, "</section>\n");
}

/* ---- related stories -------------------------------------------------------------- */

static void related(ngw_ctx *c, long long story)
{
	section_head(c, "related", "Related stories");
	ng_cursor *cur = NULL;
	if (ng_related_stories_open(c->e, story, &cur) != NG_OK) {
		ngw_cursor_error(c, "the related stories");
		ngw_raw(c, "</section>\n");
		return;
	}
	ng_status st;
	int n = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW && n < NGW_MAX_RELATED) {
		if (!n++)
			ngw_raw(c, "<ul class=\"related\">\n");
		ngw_raw(c, "<li>");
		ngw_link_story(c, ng_cursor_column_int64(cur, 0),
			       ng_cursor_column_text(cur, 2));
		ngw_fmt(c, " <span class=\"muted\">%lld article%s", ng_cursor_column_int64(cur, 1),
			ng_cursor_column_int64(cur, 1) == 1 ? "" : "s");
		const struct { int col; const char *what; } shared[] = {
			{5, "claims"}, {6, "quote groups"}, {3, "copies"}, {4, "entities"}};
		for (size_t i = 0; i < NGI_ARRAY_LEN(shared); i++) {
			long long k = ng_cursor_column_int64(cur, shared[i].col);
			if (k)
				ngw_fmt(c, " \xC2\xB7 %lld shared %s", k, shared[i].what);
		}
		ngw_raw(c, "</span></li>\n");
	}
	ng_cursor_close(cur);
	if (n)
		ngw_raw(c, "</ul>\n");
	if (st != NG_ROW && st != NG_DONE && n < NGW_MAX_RELATED)
		ngw_cursor_error(c, "the related stories");
	if (!n)
		ngw_raw(c, "<p class=\"muted\">No related stories.</p>\n");
	ngw_raw(c, "</section>\n");
}

/* ---- the page --------------------------------------------------------------------- */

void ngw_page_story(ngw_ctx *c, long long story)
{
	ng_cursor *cur = NULL;
	ng_status st = ng_story_open(c->e, story, &cur);
	if (st == NG_ERR_NOTFOUND) {
		ngw_error_page(c, 404, "Not found", "There is no story with this number.");
		return;
	}
	if (st != NG_OK || (st = ng_cursor_step(cur)) != NG_ROW) {
		ng_cursor_close(cur);
		ngw_error_page(c, st == NG_DONE ? 404 : 500, "Story unavailable",
			       st == NG_DONE ? "There is no story with this number."
					     : ng_errmsg(c->e));
		return;
	}
	long long size = ng_cursor_column_int64(cur, 1);
	char *title = strdup(ng_cursor_column_text(cur, 5) ? ng_cursor_column_text(cur, 5) : "");
	char *langs = strdup(ng_cursor_column_text(cur, 2) ? ng_cursor_column_text(cur, 2) : "");
	char *first = strdup(ng_cursor_column_text(cur, 3) ? ng_cursor_column_text(cur, 3) : "");
	char *last = strdup(ng_cursor_column_text(cur, 4) ? ng_cursor_column_text(cur, 4) : "");
	ng_cursor_close(cur);
	if (!title || !langs || !first || !last) {
		c->failed = 1;
	} else {
		char head[64];
		snprintf(head, sizeof head, "Story %lld", story);
		ngw_page_begin(c, *title ? title : head);
		ngw_fmt(c, "<p class=\"crumbs\"><a href=\"");
		ngw_href_home(c);
		ngw_fmt(c, "\">Stories</a> \xE2\x80\xBA story %lld</p>\n<h1>", story);
		ngw_text(c, *title ? title : head);
		ngw_fmt(c, "</h1>\n<p class=\"meta\">%lld article%s \xC2\xB7 languages: ", size,
			size == 1 ? "" : "s");
		ngw_text(c, *langs ? langs : "unknown");
		if (*first) {
			ngw_raw(c, " \xC2\xB7 first seen ");
			ngw_text(c, first);
			if (*last && strcmp(first, last) != 0) {
				ngw_raw(c, ", last seen ");
				ngw_text(c, last);
			}
		}
		ngw_raw(c, "</p>\n<nav class=\"toc\" aria-label=\"On this page\"><ul>"
			   "<li><a href=\"#articles\">Articles</a></li>"
			   "<li><a href=\"#timeline\">Timeline</a></li>"
			   "<li><a href=\"#copies\">Copies</a></li>"
			   "<li><a href=\"#quotes\">Quotes</a></li>"
			   "<li><a href=\"#claims\">Claims</a></li>"
			   "<li><a href=\"#related\">Related</a></li></ul></nav>\n");
		articles(c, story, size);
		ngw_svg_timeline(c, story);
		ngw_svg_copy_tree(c, story);
		quotes(c, story);
		claims(c, story);
		related(c, story);
		ngw_page_end(c);
	}
	free(title);
	free(langs);
	free(first);
	free(last);
}
