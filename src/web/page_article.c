/*
 * page_article.c: "/articles/ID", one article to read (docs/WEB.md): its
 * text in paragraphs, its metadata (outlet, language, publication date and
 * where it came from, its story, its address: a link only for http and
 * https), and beside it its entities, dates, quotes and copies. And
 * "/copies?copy=A&original=B": one copy edge, the passages the copy shares
 * with its original side by side (stacked on a phone), from
 * ng_evidence_open; an exact or near copy, which has no passages, shows
 * the start of both texts.
 */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

/* The most of a body shown (a page stays bounded whatever was stored). */
#define MAX_BODY_BYTES ((size_t)2 << 20)
#define MAX_ASIDE_ROWS 100

static char *dup_col(ng_cursor *cur, int i)
{
	const char *s = ng_cursor_column_text(cur, i);
	return strdup(s ? s : "");
}

/* The text in paragraphs: a line (or a run of lines) per <p>. */
static void paragraphs(ngw_ctx *c, const char *text, size_t len)
{
	size_t shown = len > MAX_BODY_BYTES ? MAX_BODY_BYTES : len;
	size_t i = 0;
	while (i < shown) {
		size_t end = i;
		while (end < shown && text[end] != '\n')
			end++;
		size_t a = i, b = end;
		while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
			a++;
		while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
			b--;
		if (b > a) {
			ngw_raw(c, "<p>");
			ngw_textn(c, text + a, b - a);
			ngw_raw(c, "</p>\n");
		}
		i = end + 1;
	}
	if (shown < len)
		ngw_fmt(c, "<p class=\"muted\">(The first %zu of %zu bytes.)</p>\n", shown, len);
}

static int is_web_url(const char *u)
{
	return u && (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0);
}

static void aside_entities(ngw_ctx *c, const char *id)
{
	ng_cursor *cur = NULL;
	if (ng_article_mentions_open(c->e, id, &cur) != NG_OK) {
		ngw_cursor_error(c, "the entities");
		return;
	}
	/* distinct (type, key) in order of first mention, with counts */
	struct ent { char *type, *key, *name; int count; } *ents = calloc(MAX_ASIDE_ROWS, sizeof *ents);
	size_t n = 0;
	ng_status st = NG_DONE;
	while (ents && (st = ng_cursor_step(cur)) == NG_ROW) {
		const char *type = ng_cursor_column_text(cur, 5);
		const char *key = ng_cursor_column_text(cur, 6);
		const char *name = ng_cursor_column_text(cur, 7);
		if (!type || !key)
			continue;
		size_t j = 0;
		while (j < n && (strcmp(ents[j].type, type) || strcmp(ents[j].key, key)))
			j++;
		if (j < n) {
			ents[j].count++;
			continue;
		}
		if (n == MAX_ASIDE_ROWS)
			continue;
		ents[n].type = strdup(type);
		ents[n].key = strdup(key);
		ents[n].name = strdup(name ? name : ng_cursor_column_text(cur, 4));
		ents[n].count = 1;
		if (!ents[n].type || !ents[n].key || !ents[n].name)
			c->failed = 1;
		n++;
	}
	ng_cursor_close(cur);
	if (!ents)
		c->failed = 1;
	ngw_raw(c, "<h2>Entities</h2>\n");
	if (st != NG_DONE)
		ngw_cursor_error(c, "the entities");
	if (n) {
		ngw_raw(c, "<ul class=\"entities\">\n");
		for (size_t i = 0; i < n; i++) {
			ngw_raw(c, "<li>");
			if (ents[i].name)
				ngw_link_entity(c, ents[i].key, ents[i].type, ents[i].name);
			ngw_raw(c, " <span class=\"muted\">");
			ngw_text(c, ents[i].type);
			if (ents[i].count > 1)
				ngw_fmt(c, " \xC3\x97%d", ents[i].count);
			ngw_raw(c, "</span></li>\n");
		}
		ngw_raw(c, "</ul>\n");
	} else if (st == NG_DONE) {
		ngw_raw(c, "<p class=\"muted\">None found.</p>\n");
	}
	for (size_t i = 0; ents && i < n; i++) {
		free(ents[i].type);
		free(ents[i].key);
		free(ents[i].name);
	}
	free(ents);
}

/* One row of an aside list, written as <li>...</li>; id is the page's
 * article. */
typedef void (*aside_row)(ngw_ctx *c, ng_cursor *cur, const char *id);

/* An aside: its heading, then the first MAX_ASIDE_ROWS rows of cur as a
 * list of class list_class (or "None found."), and a message naming what
 * when reading fails. opened is the opener's status. */
static void aside_list(ngw_ctx *c, ng_status opened, ng_cursor *cur,
		       const char *heading, const char *list_class,
		       const char *what, const char *id, aside_row row)
{
	if (opened != NG_OK) {
		ngw_cursor_error(c, what);
		return;
	}
	ngw_fmt(c, "<h2>%s</h2>\n", heading);
	ng_status st;
	int n = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW && n < MAX_ASIDE_ROWS) {
		if (!n++)
			ngw_fmt(c, "<ul class=\"%s\">\n", list_class);
		row(c, cur, id);
	}
	ng_cursor_close(cur);
	if (n)
		ngw_raw(c, "</ul>\n");
	else
		ngw_raw(c, "<p class=\"muted\">None found.</p>\n");
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, what);
}

static void date_row(ngw_ctx *c, ng_cursor *cur, const char *id)
{
	ngw_raw(c, "<li><q>");
	ngw_text(c, ng_cursor_column_text(cur, 4));
	ngw_raw(c, "</q> \xE2\x86\x92 <code>");
	ngw_text(c, ng_cursor_column_text(cur, 5));
	ngw_raw(c, "</code></li>\n");
}

static void quote_row(ngw_ctx *c, ng_cursor *cur, const char *id)
{
	const char *speaker = ng_cursor_column_text(cur, 8);
	if (!speaker)
		speaker = ng_cursor_column_text(cur, 9);
	ngw_raw(c, "<li><strong>");
	if (speaker)
		ngw_link_entity(c, ng_cursor_column_text(cur, 10), NULL, speaker);
	else
		ngw_raw(c, "Unknown speaker");
	ngw_raw(c, "</strong>");
	const char *cue = ng_cursor_column_text(cur, 15);
	if (cue) {
		ngw_raw(c, " <span class=\"muted\">");
		ngw_text(c, cue);
		ngw_raw(c, "</span>");
	}
	int direct = (int)ng_cursor_column_int64(cur, 6);
	ngw_raw(c, direct ? ": \xE2\x80\x9C" : ": ");
	ngw_text_cut(c, ng_cursor_column_text(cur, 7), 400);
	ngw_raw(c, direct ? "\xE2\x80\x9D</li>\n" : "</li>\n");
}

static void copy_row(ngw_ctx *c, ng_cursor *cur, const char *id)
{
	const char *copy = ng_cursor_column_text(cur, 0);
	const char *original = ng_cursor_column_text(cur, 1);
	const char *kind = ng_cursor_column_text(cur, 2);
	int is_copy = copy && strcmp(copy, id) == 0;
	const char *other = is_copy ? original : copy;
	ngw_raw(c, "<li>");
	ngw_raw(c, is_copy ? "Copies " : "Copied by ");
	ngw_link_article(c, other, NULL);
	ngw_raw(c, " <span class=\"badge kind-");
	ngw_text(c, kind);
	ngw_raw(c, "\">");
	ngw_text(c, kind);
	ngw_fmt(c, " %.2f</span> <a href=\"", ng_cursor_column_double(cur, 3));
	ngw_href_copies(c, copy, original);
	ngw_raw(c, "\">shared passages</a></li>\n");
}

void ngw_page_article(ngw_ctx *c, const char *id)
{
	ng_cursor *cur = NULL;
	ng_status st = ng_article_open(c->e, id, &cur);
	if (st == NG_OK && (st = ng_cursor_step(cur)) == NG_ROW)
		st = NG_OK;
	else if (st == NG_OK || st == NG_DONE)
		st = st == NG_DONE ? NG_ERR_NOTFOUND : st;
	if (st != NG_OK) {
		ng_cursor_close(cur);
		if (st == NG_ERR_NOTFOUND)
			ngw_error_page(c, 404, "Not found", "There is no article with this id.");
		else
			ngw_error_page(c, 500, "Article unavailable", ng_errmsg(c->e));
		return;
	}
	long long story = ng_cursor_column_int64(cur, 1);
	char *title = dup_col(cur, 2), *lang = dup_col(cur, 3), *published = dup_col(cur, 5);
	char *source = dup_col(cur, 6), *outlet = dup_col(cur, 8), *url = dup_col(cur, 9);
	long long words = ng_cursor_column_int64(cur, 12);
	ng_cursor_close(cur);
	if (!title || !lang || !published || !source || !outlet || !url) {
		c->failed = 1;
		goto done;
	}
	ngw_page_begin(c, *title ? title : id);
	ngw_raw(c, "<p class=\"crumbs\"><a href=\"");
	ngw_href_home(c);
	ngw_raw(c, "\">Stories</a> \xE2\x80\xBA ");
	ngw_link_story(c, story, NULL);
	ngw_raw(c, " \xE2\x80\xBA article</p>\n<div class=\"article-layout\">\n<article class=\"reading\" lang=\"");
	ngw_text(c, strcmp(lang, "und") ? lang : "");
	ngw_raw(c, "\">\n<h1>");
	ngw_article_label(c, id, title);
	ngw_raw(c, "</h1>\n<dl class=\"facts\" lang=\"en\">\n<dt>Outlet</dt><dd>");
	ngw_text(c, *outlet ? outlet : "unknown");
	ngw_raw(c, "</dd>\n<dt>Language</dt><dd>");
	ngw_text(c, lang);
	ngw_raw(c, "</dd>\n<dt>Published</dt><dd>");
	if (*published) {
		ngw_text(c, published);
		ngw_raw(c, " <span class=\"muted\">(from ");
		ngw_text(c, source);
		ngw_raw(c, ")</span>");
	} else {
		ngw_raw(c, "unknown");
	}
	ngw_fmt(c, "</dd>\n<dt>Words</dt><dd>%lld</dd>\n<dt>Story</dt><dd>", words);
	ngw_link_story(c, story, NULL);
	ngw_raw(c, "</dd>\n<dt>Id</dt><dd><code>");
	ngw_text(c, id);
	ngw_raw(c, "</code></dd>\n");
	if (*url) {
		ngw_raw(c, "<dt>Address</dt><dd class=\"url\">");
		if (is_web_url(url)) {
			ngw_raw(c, "<a rel=\"noopener noreferrer nofollow\" href=\"");
			ngw_text(c, url);
			ngw_raw(c, "\">");
			ngw_text_cut(c, url, 120);
			ngw_raw(c, "</a>");
		} else {
			ngw_text_cut(c, url, 120);
		}
		ngw_raw(c, "</dd>\n");
	}
	ngw_raw(c, "</dl>\n<div class=\"body\">\n");
	const char *text = NULL;
	size_t len = 0;
	if (ng_article_text(c->e, id, &text, &len) == NG_OK && text)
		paragraphs(c, text, len);
	else
		ngw_cursor_error(c, "the text");
	ngw_raw(c, "</div>\n</article>\n<aside class=\"side\" aria-label=\"About this article\">\n");
	aside_entities(c, id);
	ng_cursor *list = NULL;
	st = ng_article_dates_open(c->e, id, &list);
	aside_list(c, st, list, "Dates in the text", "dates", "the dates", id,
		   date_row);
	st = ng_article_quotes_open(c->e, id, &list);
	aside_list(c, st, list, "Quotes", "quotes", "the quotes", id, quote_row);
	st = ng_article_copies_open(c->e, id, &list);
	aside_list(c, st, list, "Copies", "copies", "the copies", id, copy_row);
	ngw_raw(c, "</aside>\n</div>\n");
	ngw_page_end(c);
done:
	free(title);
	free(lang);
	free(published);
	free(source);
	free(outlet);
	free(url);
}

/* ---- one copy edge, side by side ----------------------------------------------- */

/* One side's heading: the article, its outlet, language and date. */
static void side_head(ngw_ctx *c, const char *role, const char *id)
{
	ng_article_info info;
	ngw_raw(c, "<h2>");
	ngw_raw(c, role);
	ngw_raw(c, ": ");
	if (ng_article_get(c->e, id, &info) == NG_OK) {
		char *title = info.title ? strdup(info.title) : NULL;
		char *meta = NULL;
		size_t mlen = 0;
		FILE *m = open_memstream(&meta, &mlen);
		if (m) {
			fprintf(m, "%s%s%s%s%s", info.outlet ? info.outlet : "",
				info.outlet ? " \xC2\xB7 " : "", info.lang ? info.lang : "",
				info.published ? " \xC2\xB7 " : "",
				info.published ? info.published : "");
			fclose(m);
		}
		ngw_link_article(c, id, title);
		ngw_raw(c, "</h2>\n<p class=\"meta\">");
		ngw_text(c, meta);
		ngw_raw(c, "</p>\n");
		free(title);
		free(meta);
	} else {
		ngw_text(c, id);
		ngw_raw(c, "</h2>\n");
	}
}

/* The start of an article's text, for edges without passages. */
static void text_start(ngw_ctx *c, const char *id)
{
	const char *text = NULL;
	size_t len = 0;
	if (ng_article_text(c->e, id, &text, &len) != NG_OK || !text)
		return;
	char *copy = strndup(text, len);
	if (!copy) {
		c->failed = 1;
		return;
	}
	ngw_raw(c, "<blockquote class=\"passage\">");
	ngw_text_cut(c, copy, 1500);
	ngw_raw(c, "</blockquote>");
	free(copy);
}

void ngw_page_copies(ngw_ctx *c, const char *copy, const char *original)
{
	/* the edge itself, from the copy's edges */
	ng_cursor *cur = NULL;
	ng_status st = ng_article_copies_open(c->e, copy, &cur);
	if (st == NG_ERR_NOTFOUND) {
		ngw_error_page(c, 404, "Not found", "There is no article with this id.");
		return;
	}
	if (st != NG_OK) {
		ngw_error_page(c, 500, "Copies unavailable", ng_errmsg(c->e));
		return;
	}
	char *kind = NULL, *why = NULL;
	double score = 0;
	int found = 0;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		const char *k = ng_cursor_column_text(cur, 0), *o = ng_cursor_column_text(cur, 1);
		if (k && o && !strcmp(k, copy) && !strcmp(o, original)) {
			found = 1;
			kind = dup_col(cur, 2);
			why = dup_col(cur, 4);
			score = ng_cursor_column_double(cur, 3);
			break;
		}
	}
	ng_cursor_close(cur);
	if (st != NG_ROW && st != NG_DONE) {
		ngw_error_page(c, 500, "Copies unavailable", ng_errmsg(c->e));
		goto done;
	}
	if (!found) {
		ngw_error_page(c, 404, "Not found",
			       "The first article is not a copy of the second.");
		goto done;
	}
	if (!kind || !why) {
		c->failed = 1;
		goto done;
	}
	ngw_page_begin(c, "Shared passages");
	ngw_raw(c, "<p class=\"crumbs\"><a href=\"");
	ngw_href_home(c);
	ngw_raw(c, "\">Stories</a> \xE2\x80\xBA shared passages</p>\n<h1>What the copy shares with its original</h1>\n"
		   "<p class=\"meta\"><span class=\"badge kind-");
	ngw_text(c, kind);
	ngw_raw(c, "\">");
	ngw_text(c, kind);
	ngw_fmt(c, " %.2f</span> copy; direction from <strong>", score);
	ngw_text(c, why);
	ngw_raw(c, "</strong></p>\n<div class=\"pair heads\">\n<div class=\"side-original\">");
	side_head(c, "Original", original);
	ngw_raw(c, "</div>\n<div class=\"side-copy\">");
	side_head(c, "Copy", copy);
	ngw_raw(c, "</div>\n</div>\n");
	if (ng_evidence_open(c->e, copy, original, &cur) != NG_OK) {
		ngw_cursor_error(c, "the shared passages");
	} else {
		int n = 0;
		while ((st = ng_cursor_step(cur)) == NG_ROW && n < NGW_MAX_EVIDENCE) {
			n++;
			ngw_raw(c, "<div class=\"pair\">\n<div class=\"side-original\"><p class=\"label\">");
			ngw_text(c, ng_cursor_column_text(cur, 0));
			ngw_fmt(c, " %d in the original (bytes %lld\xE2\x80\x93%lld)</p><blockquote class=\"passage\">", n,
				ng_cursor_column_int64(cur, 3), ng_cursor_column_int64(cur, 4));
			ngw_text(c, ng_cursor_column_text(cur, 7));
			ngw_raw(c, "</blockquote></div>\n<div class=\"side-copy\"><p class=\"label\">");
			ngw_text(c, ng_cursor_column_text(cur, 0));
			ngw_fmt(c, " %d in the copy (bytes %lld\xE2\x80\x93%lld, score %.2f)</p><blockquote class=\"passage\">", n,
				ng_cursor_column_int64(cur, 1), ng_cursor_column_int64(cur, 2),
				ng_cursor_column_double(cur, 5));
			ngw_text(c, ng_cursor_column_text(cur, 6));
			ngw_raw(c, "</blockquote></div>\n</div>\n");
		}
		ng_cursor_close(cur);
		if (st != NG_ROW && st != NG_DONE)
			ngw_cursor_error(c, "the shared passages");
		if (n == 0) {
			ngw_raw(c, "<p>An exact or near copy carries (almost) the whole text; "
				   "the start of each:</p>\n<div class=\"pair\">\n<div class=\"side-original\">");
			text_start(c, original);
			ngw_raw(c, "</div>\n<div class=\"side-copy\">");
			text_start(c, copy);
			ngw_raw(c, "</div>\n</div>\n");
		}
	}
	ngw_page_end(c);
done:
	free(kind);
	free(why);
}
