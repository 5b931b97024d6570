/*
 * page_entity.c: "/entities/KEY[?type=T][&page=N]", one entity (docs/WEB.md):
 * its names (the variants its mentions carry: scripts, inflections, with
 * counts), the stories it is in and the articles that mention it,
 * NGW_ENTITY_ARTICLES_PER_PAGE at a time. Without ?type every type the key
 * has is shown (a key is the same across languages and scripts, and
 * rarely names two types). Everything comes from one pass over the
 * entity's mentions per type (ng_entity_mentions_open, read through the
 * store's index on key and type): ng_entity_variants_open is not used, as
 * it scans the whole mentions table (7 s on the 100,000-article bench).
 * Stories are counted over the first MAX_STORY_ARTICLES articles.
 */
#include "web_int.h"

#include "../base/map.h"

#include <stdlib.h>
#include <string.h>

#define MAX_VARIANTS 60        /* names shown */
#define MAX_DISTINCT 5000      /* names counted */
#define MAX_STORY_ARTICLES 1000
#define MAX_STORIES 30

/* The types an entity key may have (ng_mention_info's). */
static const char *const known_types[] = {"person", "organization", "place", "event"};

typedef struct story_count {
	long long story;
	long long articles;
} story_count;

typedef struct variant {
	char *text, *name;
	long long count;
} variant;

/* What one pass over the mentions of (type, key) found. */
typedef struct entity_pass {
	const char *type;
	long long mentions, articles;
	variant *variants;
	size_t n_variants;
	ngi_map variant_slot; /* hash of text and name -> index + 1 */
	story_count *stories;
	size_t n_stories;
	char **ids;           /* the page's articles */
	long long *counts;    /* their mentions */
	int failed;           /* a cursor failed (ng_errmsg) */
} entity_pass;

static int by_articles(const void *a, const void *b)
{
	const story_count *x = a, *y = b;
	if (x->articles != y->articles)
		return x->articles < y->articles ? 1 : -1;
	return (x->story > y->story) - (x->story < y->story);
}

static int by_count(const void *a, const void *b)
{
	const variant *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	int k = strcmp(x->text, y->text);
	return k ? k : strcmp(x->name, y->name);
}

static void count_variant(ngw_ctx *c, entity_pass *p, const char *text, const char *name)
{
	if (!text)
		return;
	if (!name)
		name = "";
	size_t lt = strlen(text), ln = strlen(name);
	uint64_t h = ngi_hash(text, lt, ngi_hash(name, ln, 1));
	uint64_t *v;
	/* collisions: probe on to the next hash value */
	while ((v = ngi_map_get(&p->variant_slot, h)) != NULL &&
	       (strcmp(p->variants[*v - 1].text, text) || strcmp(p->variants[*v - 1].name, name)))
		h++;
	if (v) {
		p->variants[*v - 1].count++;
		return;
	}
	if (p->n_variants == MAX_DISTINCT)
		return;
	variant *nv = &p->variants[p->n_variants];
	nv->text = strdup(text);
	nv->name = strdup(name);
	nv->count = 1;
	if (!nv->text || !nv->name ||
	    ngi_map_put(&p->variant_slot, h, p->n_variants + 1) != NG_OK) {
		free(nv->text);
		free(nv->name);
		c->failed = 1;
		return;
	}
	p->n_variants++;
}

static void count_story(ngw_ctx *c, entity_pass *p, const char *id)
{
	long long story;
	if (ng_article_story(c->e, id, &story) != NG_OK)
		return;
	size_t j = 0;
	while (j < p->n_stories && p->stories[j].story != story)
		j++;
	if (j == p->n_stories)
		p->stories[p->n_stories++] = (story_count){story, 0};
	p->stories[j].articles++;
}

/* One pass over the mentions of (p->type, key); the page's articles are
 * [first, first + per_page). */
static void read_mentions(ngw_ctx *c, entity_pass *p, const char *key,
			  long long first, long long per_page)
{
	ngi_map_init(&p->variant_slot);
	p->variants = calloc(MAX_DISTINCT, sizeof *p->variants);
	p->stories = calloc(MAX_STORY_ARTICLES, sizeof *p->stories);
	p->ids = calloc((size_t)per_page, sizeof *p->ids);
	p->counts = calloc((size_t)per_page, sizeof *p->counts);
	if (!p->variants || !p->stories || !p->ids || !p->counts) {
		c->failed = 1;
		return;
	}
	ng_cursor *cur = NULL;
	if (ng_entity_mentions_open(c->e, p->type, key, &cur) != NG_OK) {
		p->failed = 1;
		return;
	}
	char *last = NULL;
	ng_status st = NG_DONE;
	while (!c->failed && (st = ng_cursor_step(cur)) == NG_ROW) {
		const char *id = ng_cursor_column_text(cur, 0);
		if (!id)
			continue;
		p->mentions++;
		count_variant(c, p, ng_cursor_column_text(cur, 5), ng_cursor_column_text(cur, 6));
		if (last && strcmp(last, id) == 0) {
			long long k = p->articles - 1 - first;
			if (k >= 0 && k < per_page)
				p->counts[k]++;
			continue;
		}
		/* a new article (mentions come by article) */
		free(last);
		last = strdup(id);
		if (!last) {
			c->failed = 1;
			break;
		}
		if (p->articles < MAX_STORY_ARTICLES)
			count_story(c, p, id);
		long long k = p->articles - first;
		if (k >= 0 && k < per_page) {
			p->ids[k] = strdup(id);
			p->counts[k] = 1;
			if (!p->ids[k])
				c->failed = 1;
		}
		p->articles++;
	}
	ng_cursor_close(cur);
	free(last);
	if (!c->failed && st != NG_DONE)
		p->failed = 1;
}

static void free_pass(entity_pass *p, long long per_page)
{
	for (size_t i = 0; p->variants && i < p->n_variants; i++) {
		free(p->variants[i].text);
		free(p->variants[i].name);
	}
	for (long long i = 0; p->ids && i < per_page; i++)
		free(p->ids[i]);
	free(p->variants);
	free(p->stories);
	free(p->ids);
	free(p->counts);
	ngi_map_free(&p->variant_slot);
}

/* The stories and the page's articles of one type. */
static void write_pass(ngw_ctx *c, const entity_pass *p, const char *key,
		       long long page, long long per_page)
{
	long long first = (page - 1) * per_page;
	ngw_fmt(c, "<p class=\"meta\">%lld mention%s in %lld article%s.</p>\n", p->mentions,
		p->mentions == 1 ? "" : "s", p->articles, p->articles == 1 ? "" : "s");
	if (p->n_stories) {
		ngw_raw(c, "<h3>Stories</h3>\n<ul class=\"related\">\n");
		for (size_t i = 0; i < p->n_stories && i < MAX_STORIES; i++) {
			ngw_raw(c, "<li>");
			ng_cursor *sc = NULL;
			const char *title = NULL;
			if (ng_story_open(c->e, p->stories[i].story, &sc) == NG_OK &&
			    ng_cursor_step(sc) == NG_ROW)
				title = ng_cursor_column_text(sc, 5);
			ngw_link_story(c, p->stories[i].story, title);
			ng_cursor_close(sc);
			ngw_fmt(c, " <span class=\"muted\">%lld article%s</span></li>\n",
				p->stories[i].articles, p->stories[i].articles == 1 ? "" : "s");
		}
		ngw_raw(c, "</ul>\n");
		if (p->n_stories > MAX_STORIES || p->articles > MAX_STORY_ARTICLES)
			ngw_fmt(c, "<p class=\"muted\">The %d stories with most articles among "
				   "the first %d articles.</p>\n", MAX_STORIES, MAX_STORY_ARTICLES);
	}
	ngw_raw(c, "<h3>Articles</h3>\n<ul class=\"mentions\">\n");
	for (long long i = 0; i < per_page && p->ids[i]; i++) {
		ngw_raw(c, "<li>");
		ngw_link_article(c, p->ids[i], NULL);
		if (p->counts[i] > 1)
			ngw_fmt(c, " <span class=\"muted\">\xC3\x97%lld</span>", p->counts[i]);
		ngw_raw(c, "</li>\n");
	}
	ngw_raw(c, "</ul>\n");
	if (c->is_static && p->articles > per_page) {
		ngw_fmt(c, "<p class=\"muted\">The first %lld articles; <code>newsgraph "
			   "serve</code> pages through all.</p>\n", per_page);
	} else if (!c->is_static && (page > 1 || p->articles > first + per_page)) {
		ngw_raw(c, "<nav class=\"pager\" aria-label=\"Pages of articles\">");
		if (page > 1) {
			ngw_raw(c, "<a rel=\"prev\" href=\"/entities/");
			ngw_url_part(c, key);
			ngw_raw(c, "?type=");
			ngw_url_part(c, p->type);
			ngw_fmt(c, "&amp;page=%lld\">\xE2\x86\x90 Previous</a> ", page - 1);
		}
		ngw_fmt(c, "<span>Page %lld</span>", page);
		if (p->articles > first + per_page) {
			ngw_raw(c, " <a rel=\"next\" href=\"/entities/");
			ngw_url_part(c, key);
			ngw_raw(c, "?type=");
			ngw_url_part(c, p->type);
			ngw_fmt(c, "&amp;page=%lld\">Next \xE2\x86\x92</a>", page + 1);
		}
		ngw_raw(c, "</nav>\n");
	}
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
	long long per_page = c->is_static ? NGW_ENTITY_ARTICLES_PER_PAGE * 10
					  : NGW_ENTITY_ARTICLES_PER_PAGE;
	enum { N_TYPES = sizeof known_types / sizeof *known_types };
	entity_pass passes[N_TYPES];
	memset(passes, 0, sizeof passes);
	size_t n = 0, found = 0;
	int failed = 0;
	for (size_t i = 0; i < N_TYPES && !c->failed; i++) {
		if (type && strcmp(type, known_types[i]))
			continue;
		passes[n].type = known_types[i];
		read_mentions(c, &passes[n], key, (page - 1) * per_page, per_page);
		failed |= passes[n].failed;
		found += passes[n].mentions > 0;
		n++;
	}
	if (c->failed) {
		/* out of memory: the renderer answers */
	} else if (failed) {
		ngw_error_page(c, 500, "Entity unavailable", ng_errmsg(c->e));
	} else if (!found) {
		ngw_error_page(c, 404, "Not found", "No entity has this key.");
	} else {
		/* the name: the most common display name of the most
		 * mentioned type */
		const entity_pass *top = NULL;
		for (size_t i = 0; i < n; i++)
			if (!top || passes[i].mentions > top->mentions)
				top = &passes[i];
		for (size_t i = 0; i < n; i++) {
			qsort(passes[i].variants, passes[i].n_variants, sizeof *passes[i].variants,
			      by_count);
			qsort(passes[i].stories, passes[i].n_stories, sizeof *passes[i].stories,
			      by_articles);
		}
		const char *title = key;
		for (size_t i = 0; i < top->n_variants; i++)
			if (*top->variants[i].name) {
				title = top->variants[i].name;
				break;
			}
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
		for (size_t i = 0; i < n; i++) {
			const entity_pass *p = &passes[i];
			for (size_t j = 0; j < p->n_variants && j < MAX_VARIANTS; j++) {
				const variant *v = &p->variants[j];
				ngw_raw(c, "<li>");
				ngw_text(c, v->text);
				if (*v->name && strcmp(v->name, v->text)) {
					ngw_raw(c, " <span class=\"muted\">(");
					ngw_text(c, v->name);
					ngw_raw(c, ")</span>");
				}
				ngw_raw(c, " <span class=\"muted\">");
				ngw_text(c, p->type);
				ngw_fmt(c, " \xC3\x97%lld</span></li>\n", v->count);
			}
		}
		ngw_raw(c, "</ul>\n");
		for (size_t i = 0; i < n; i++)
			if (passes[i].n_variants > MAX_VARIANTS)
				ngw_fmt(c, "<p class=\"muted\">The %d most common of %zu%s names as %s.</p>\n",
					MAX_VARIANTS, passes[i].n_variants,
					passes[i].n_variants == MAX_DISTINCT ? " or more" : "",
					passes[i].type);
		ngw_raw(c, "</section>\n");
		for (size_t i = 0; i < n; i++) {
			if (!passes[i].mentions)
				continue;
			ngw_raw(c, "<section class=\"block\"><h2>As ");
			ngw_text(c, passes[i].type);
			ngw_raw(c, "</h2>\n");
			write_pass(c, &passes[i], key, page, per_page);
			ngw_raw(c, "</section>\n");
		}
		ngw_page_end(c);
	}
	for (size_t i = 0; i < n; i++)
		free_pass(&passes[i], per_page);
}
