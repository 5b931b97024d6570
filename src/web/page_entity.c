/*
 * page_entity.c: "/entities/KEY[?type=T][&page=N]", one entity (docs/WEB.md):
 * its names (the variants its mentions carry: scripts, inflections, with
 * counts), the stories it is in and the articles that mention it,
 * NGW_ENTITY_ARTICLES_PER_PAGE at a time. Without ?type every type the key
 * has is shown (a key is the same across languages and scripts, and
 * rarely names two types). The mentions are a scan of the mentions table
 * (ng_entity_mentions_open), read once; stories are counted over the
 * first MAX_STORY_ARTICLES articles.
 */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TYPES 8
#define MAX_VARIANTS 60
#define MAX_STORY_ARTICLES 1000
#define MAX_STORIES 30

typedef struct story_count {
	long long story;
	long long articles;
} story_count;

static int by_articles(const void *a, const void *b)
{
	const story_count *x = a, *y = b;
	if (x->articles != y->articles)
		return x->articles < y->articles ? 1 : -1;
	return (x->story > y->story) - (x->story < y->story);
}

/* The articles and stories of one (type, key). */
static void mentions(ngw_ctx *c, const char *type, const char *key, long long page)
{
	ng_cursor *cur = NULL;
	if (ng_entity_mentions_open(c->e, type, key, &cur) != NG_OK) {
		ngw_cursor_error(c, "the mentions");
		return;
	}
	long long per_page = c->is_static ? NGW_ENTITY_ARTICLES_PER_PAGE * 10
					  : NGW_ENTITY_ARTICLES_PER_PAGE;
	long long first = (page - 1) * per_page;
	char **ids = calloc((size_t)per_page, sizeof *ids);
	long long *counts = calloc((size_t)per_page, sizeof *counts);
	story_count *stories = calloc(MAX_STORY_ARTICLES, sizeof *stories);
	size_t n_stories = 0;
	char *last = NULL;
	long long articles = 0, n_mentions = 0;
	ng_status st = NG_DONE;
	while (ids && counts && stories && !c->failed &&
	       (st = ng_cursor_step(cur)) == NG_ROW) {
		const char *id = ng_cursor_column_text(cur, 0);
		if (!id)
			continue;
		n_mentions++;
		if (last && strcmp(last, id) == 0) {
			if (articles - 1 >= first && articles - 1 < first + per_page)
				counts[articles - 1 - first]++;
			continue;
		}
		/* a new article (mentions come by article) */
		free(last);
		last = strdup(id);
		if (!last) {
			c->failed = 1;
			break;
		}
		if (articles < MAX_STORY_ARTICLES) {
			long long story;
			if (ng_article_story(c->e, id, &story) == NG_OK) {
				size_t j = 0;
				while (j < n_stories && stories[j].story != story)
					j++;
				if (j == n_stories)
					stories[n_stories++] = (story_count){story, 0};
				stories[j].articles++;
			}
		}
		if (articles >= first && articles < first + per_page) {
			ids[articles - first] = strdup(id);
			counts[articles - first] = 1;
			if (!ids[articles - first])
				c->failed = 1;
		}
		articles++;
	}
	ng_cursor_close(cur);
	free(last);
	if (!ids || !counts || !stories)
		c->failed = 1;
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the mentions");
	ngw_fmt(c, "<p class=\"meta\">%lld mention%s in %lld article%s.</p>\n", n_mentions,
		n_mentions == 1 ? "" : "s", articles, articles == 1 ? "" : "s");
	if (n_stories) {
		qsort(stories, n_stories, sizeof *stories, by_articles);
		ngw_raw(c, "<h3>Stories</h3>\n<ul class=\"related\">\n");
		for (size_t i = 0; i < n_stories && i < MAX_STORIES; i++) {
			ngw_raw(c, "<li>");
			ng_cursor *sc = NULL;
			const char *title = NULL;
			if (ng_story_open(c->e, stories[i].story, &sc) == NG_OK &&
			    ng_cursor_step(sc) == NG_ROW)
				title = ng_cursor_column_text(sc, 5);
			ngw_link_story(c, stories[i].story, title);
			ng_cursor_close(sc);
			ngw_fmt(c, " <span class=\"muted\">%lld article%s</span></li>\n",
				stories[i].articles, stories[i].articles == 1 ? "" : "s");
		}
		ngw_raw(c, "</ul>\n");
		if (n_stories > MAX_STORIES || articles > MAX_STORY_ARTICLES)
			ngw_fmt(c, "<p class=\"muted\">The %d stories with most articles among "
				   "the first %d articles.</p>\n", MAX_STORIES, MAX_STORY_ARTICLES);
	}
	ngw_raw(c, "<h3>Articles</h3>\n<ul class=\"mentions\">\n");
	for (long long i = 0; ids && counts && i < per_page && ids[i]; i++) {
		ngw_raw(c, "<li>");
		ngw_link_article(c, ids[i], NULL);
		if (counts[i] > 1)
			ngw_fmt(c, " <span class=\"muted\">\xC3\x97%lld</span>", counts[i]);
		ngw_raw(c, "</li>\n");
		free(ids[i]);
	}
	ngw_raw(c, "</ul>\n");
	if (c->is_static && articles > per_page) {
		ngw_fmt(c, "<p class=\"muted\">The first %lld articles; <code>newsgraph "
			   "serve</code> pages through all.</p>\n", per_page);
	} else if (!c->is_static && (page > 1 || articles > first + per_page)) {
		ngw_raw(c, "<nav class=\"pager\" aria-label=\"Pages of articles\">");
		if (page > 1) {
			ngw_raw(c, "<a rel=\"prev\" href=\"/entities/");
			ngw_url_part(c, key);
			ngw_raw(c, "?type=");
			ngw_url_part(c, type);
			ngw_fmt(c, "&amp;page=%lld\">\xE2\x86\x90 Previous</a> ", page - 1);
		}
		ngw_fmt(c, "<span>Page %lld</span>", page);
		if (articles > first + per_page) {
			ngw_raw(c, " <a rel=\"next\" href=\"/entities/");
			ngw_url_part(c, key);
			ngw_raw(c, "?type=");
			ngw_url_part(c, type);
			ngw_fmt(c, "&amp;page=%lld\">Next \xE2\x86\x92</a>", page + 1);
		}
		ngw_raw(c, "</nav>\n");
	}
	free(ids);
	free(counts);
	free(stories);
}

void ngw_page_entity(ngw_ctx *c, const char *key, const char *type)
{
	if (type && !*type)
		type = NULL;
	long long page = 1;
	const char *page_s = ngw_param(c, "page");
	if (page_s && *page_s && !ngw_parse_int(page_s, 1, NGW_MAX_PAGE, &page)) {
		ngw_error_page(c, 400, "Bad request", "page takes a whole number from 1 to 100000.");
		return;
	}
	ng_cursor *cur = NULL;
	if (ng_entity_variants_open(c->e, type, key, &cur) != NG_OK) {
		ngw_error_page(c, 500, "Entity unavailable", ng_errmsg(c->e));
		return;
	}
	/* the types the key has, each with its most common name */
	char *types[MAX_TYPES] = {0}, *names[MAX_TYPES] = {0};
	long long best[MAX_TYPES] = {0};
	size_t n_types = 0;
	ngi_buf variants;
	ngi_buf_init(&variants, 0);
	ngw_ctx vc = *c; /* the variants' list, written into its own buffer */
	vc.out = variants;
	vc.failed = 0;
	int n_variants = 0;
	ng_status st;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		const char *t = ng_cursor_column_text(cur, 0);
		const char *text = ng_cursor_column_text(cur, 2);
		const char *name = ng_cursor_column_text(cur, 3);
		long long count = ng_cursor_column_int64(cur, 4);
		if (!t)
			continue;
		size_t j = 0;
		while (j < n_types && strcmp(types[j], t))
			j++;
		if (j == n_types && n_types < MAX_TYPES) {
			types[n_types] = strdup(t);
			if (!types[n_types]) {
				vc.failed = 1;
				break;
			}
			n_types++;
		}
		if (j < n_types && count > best[j] && name) {
			free(names[j]);
			names[j] = strdup(name);
			best[j] = count;
		}
		if (n_variants++ < MAX_VARIANTS) {
			ngw_raw(&vc, "<li><span lang=\"\">");
			ngw_text(&vc, text);
			ngw_raw(&vc, "</span>");
			if (name && text && strcmp(name, text)) {
				ngw_raw(&vc, " <span class=\"muted\">(");
				ngw_text(&vc, name);
				ngw_raw(&vc, ")</span>");
			}
			ngw_fmt(&vc, " <span class=\"muted\">");
			ngw_text(&vc, t);
			ngw_fmt(&vc, " \xC3\x97%lld</span></li>\n", count);
		}
	}
	ng_cursor_close(cur);
	if (st != NG_DONE) {
		ngw_error_page(c, 500, "Entity unavailable", ng_errmsg(c->e));
	} else if (n_types == 0) {
		ngw_error_page(c, 404, "Not found", "No entity has this key.");
	} else if (vc.failed) {
		c->failed = 1;
	} else {
		const char *title = names[0] ? names[0] : key;
		ngw_page_begin(c, title);
		ngw_raw(c, "<p class=\"crumbs\"><a href=\"");
		ngw_href_home(c);
		ngw_raw(c, "\">Stories</a> \xE2\x80\xBA entity</p>\n<h1>");
		ngw_text(c, title);
		ngw_raw(c, "</h1>\n<p class=\"meta\">Key <code>");
		ngw_text(c, key);
		ngw_raw(c, "</code> (the same in every language and script)</p>\n"
			   "<section class=\"block\" aria-labelledby=\"names-h\"><h2 id=\"names-h\">Names</h2>\n"
			   "<ul class=\"variants\">\n");
		ngw_rawn(c, vc.out.data ? vc.out.data : "", vc.out.len);
		ngw_raw(c, "</ul>\n");
		if (n_variants > MAX_VARIANTS)
			ngw_fmt(c, "<p class=\"muted\">The first %d of %d names.</p>\n",
				MAX_VARIANTS, n_variants);
		ngw_raw(c, "</section>\n");
		for (size_t i = 0; i < n_types; i++) {
			if (!types[i]) {
				c->failed = 1;
				break;
			}
			ngw_raw(c, "<section class=\"block\"><h2>As ");
			ngw_text(c, n_types > 1 && names[i] ? names[i] : "");
			ngw_raw(c, n_types > 1 && names[i] ? ", " : "");
			ngw_text(c, types[i]);
			ngw_raw(c, "</h2>\n");
			mentions(c, types[i], key, page);
			ngw_raw(c, "</section>\n");
		}
		ngw_page_end(c);
	}
	ngi_buf_free(&vc.out);
	for (size_t i = 0; i < n_types; i++) {
		free(types[i]);
		free(names[i]);
	}
}
