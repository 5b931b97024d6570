/*
 * site.c: ngw_write_site, the web view as static files (`newsgraph report
 * --html DIR`, docs/WEB.md). The same page functions as the server, with
 * relative links, into:
 *   index.html, list-N.html   the story list, 50 a page (with --story N:
 *                             index.html is that story's page)
 *   stories/N.html            each story
 *   articles/NAME.html        each article of those stories (and, with
 *                             --story, the other end of each copy edge)
 *   copies/COPY/ORIGINAL.html each copy edge's shared passages
 *   entities/KEY.html         the NGW_MAX_SITE_ENTITIES entities most
 *                             mentioned in those articles
 *   assets/style.css, app.js  the embedded assets
 * NAME is ngw_file_name's encoding of the id. A link to a page the site
 * does not hold (another story, with --story) is written as plain text, so
 * the folder has no broken link. Files are written whole or not at all
 * (a temporary name, then rename).
 */
#include "assets.h"
#include "web_int.h"

#include "../base/map.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct site {
	ng_engine *e;
	const char *dir;
	FILE *log;
	long long only_story;
	ngw_idset articles; /* to write */
	ngw_idset keys;     /* entities to write */
	long long files;
} site;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and drops duplicates. */
static void idset_finish(ngw_idset *s)
{
	if (!s->n)
		return;
	qsort(s->ids, s->n, sizeof *s->ids, cmp_str);
	size_t k = 1;
	for (size_t i = 1; i < s->n; i++) {
		if (strcmp(s->ids[i], s->ids[k - 1]) == 0)
			free(s->ids[i]);
		else
			s->ids[k++] = s->ids[i];
	}
	s->n = k;
}

static ng_status idset_add(ngw_idset *s, size_t *cap, const char *id)
{
	if (s->n == *cap) {
		void *p = s->ids;
		if (ngi_grow(&p, cap, s->n + 1, sizeof *s->ids) != NG_OK)
			return NG_ERR_NOMEM;
		s->ids = p;
	}
	char *copy = strdup(id);
	if (!copy)
		return NG_ERR_NOMEM;
	s->ids[s->n++] = copy;
	return NG_OK;
}

static void idset_free(ngw_idset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->ids[i]);
	free(s->ids);
	s->ids = NULL;
	s->n = 0;
}

static ng_status make_dir(site *w, const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return NG_OK;
	if (w->log)
		fprintf(w->log, "newsgraph: report: cannot create %s: %s\n", path,
			strerror(errno));
	return NG_ERR_IO;
}

/* Writes bytes to DIR/rel through a temporary file. */
static ng_status write_file(site *w, const char *rel, const char *bytes, size_t len)
{
	size_t n = strlen(w->dir) + strlen(rel) + 8;
	char *path = malloc(n), *tmp = malloc(n + 4);
	if (!path || !tmp) {
		free(path);
		free(tmp);
		return NG_ERR_NOMEM;
	}
	snprintf(path, n, "%s/%s", w->dir, rel);
	snprintf(tmp, n + 4, "%s.tmp", path);
	ng_status st = NG_OK;
	FILE *f = fopen(tmp, "wb");
	if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0 ||
	    rename(tmp, path) != 0) {
		if (w->log)
			fprintf(w->log, "newsgraph: report: cannot write %s: %s\n", path,
				strerror(errno));
		if (f)
			remove(tmp);
		st = NG_ERR_IO;
	}
	free(path);
	free(tmp);
	if (st == NG_OK)
		w->files++;
	return st;
}

/* A context for one page at depth (0: the site's root). */
static void page_ctx(site *w, ngw_ctx *c, int depth)
{
	static const char *const roots[] = {"", "../", "../../"};
	memset(c, 0, sizeof *c);
	c->e = w->e;
	c->status = 200;
	c->is_static = 1;
	c->root = roots[depth];
	c->only_story = w->only_story;
	c->written = w->only_story ? &w->articles : NULL;
	c->entities = &w->keys;
	ngi_buf_init(&c->out, NGW_MAX_PAGE_BYTES);
}

/* Writes what c rendered to rel (the relative file name, built by name). */
static ng_status finish_page(site *w, ngw_ctx *c, const char *what)
{
	ng_status st = NG_OK;
	if (c->failed) {
		if (w->log)
			fprintf(w->log, "newsgraph: report: %s: out of memory or past %zu MiB\n",
				what, NGW_MAX_PAGE_BYTES >> 20);
		st = NG_ERR_NOMEM;
	} else if (c->status >= 500) {
		if (w->log)
			fprintf(w->log, "newsgraph: report: %s: %s\n", what, ng_errmsg(w->e));
		st = NG_ERR_DB;
	}
	return st;
}

/* The relative name of a page: prefix + encoded id + ".html". */
static char *name_for(const char *prefix, const char *id, const char *id2)
{
	ngw_ctx c = {0};
	ngi_buf_init(&c.out, 0);
	ngw_raw(&c, prefix);
	ngw_file_name(&c, id);
	if (id2) {
		ngw_raw(&c, "/");
		ngw_file_name(&c, id2);
	}
	ngw_raw(&c, ".html");
	if (c.failed) {
		ngi_buf_free(&c.out);
		return NULL;
	}
	return ngi_buf_steal(&c.out);
}

static ng_status write_rendered(site *w, ngw_ctx *c, const char *rel)
{
	ng_status st = finish_page(w, c, rel);
	if (st == NG_OK)
		st = write_file(w, rel, c->out.data ? c->out.data : "", c->out.len);
	ngi_buf_free(&c->out);
	return st;
}

static ng_status write_assets(site *w)
{
	for (const ngw_asset *a = ngw_assets; a->name; a++) {
		char rel[256];
		snprintf(rel, sizeof rel, "assets/%s", a->name);
		ng_status st = write_file(w, rel, a->bytes, a->len);
		if (st)
			return st;
	}
	return NG_OK;
}

static ng_status cursor_failed(site *w, const char *what)
{
	if (w->log)
		fprintf(w->log, "newsgraph: report: %s: %s\n", what, ng_errmsg(w->e));
	return NG_ERR_DB;
}

/* The articles to write: every one, or story's and its copy edges' ends. */
static ng_status collect_articles(site *w)
{
	size_t cap = 0;
	ng_cursor *cur = NULL;
	ng_status st = w->only_story ? ng_story_articles_open(w->e, w->only_story, &cur)
				     : ng_articles_open(w->e, &cur);
	if (st)
		return cursor_failed(w, "the articles");
	while ((st = ng_cursor_step(cur)) == NG_ROW)
		if (idset_add(&w->articles, &cap, ng_cursor_column_text(cur, 0)) != NG_OK) {
			ng_cursor_close(cur);
			return NG_ERR_NOMEM;
		}
	ng_cursor_close(cur);
	if (st != NG_DONE)
		return cursor_failed(w, "the articles");
	if (w->only_story) {
		if (ng_story_copies_open(w->e, w->only_story, &cur) != NG_OK)
			return cursor_failed(w, "the copies");
		while ((st = ng_cursor_step(cur)) == NG_ROW) {
			for (int i = 0; i < 2; i++)
				if (idset_add(&w->articles, &cap, ng_cursor_column_text(cur, i))) {
					ng_cursor_close(cur);
					return NG_ERR_NOMEM;
				}
		}
		ng_cursor_close(cur);
		if (st != NG_DONE)
			return cursor_failed(w, "the copies");
	}
	idset_finish(&w->articles);
	return NG_OK;
}

/* The entities to write: the most mentioned in the articles written. */
typedef struct key_count {
	char *key;
	long long mentions;
} key_count;

static int by_mentions(const void *a, const void *b)
{
	const key_count *x = a, *y = b;
	if (x->mentions != y->mentions)
		return x->mentions < y->mentions ? 1 : -1;
	return strcmp(x->key, y->key);
}

static ng_status collect_entities(site *w)
{
	ngi_map slot; /* hash of key -> index + 1 in counts */
	ngi_map_init(&slot);
	key_count *counts = NULL;
	size_t n = 0, cap = 0;
	ng_status st = NG_OK;
	for (size_t i = 0; i < w->articles.n && st == NG_OK; i++) {
		ng_cursor *cur = NULL;
		if (ng_article_mentions_open(w->e, w->articles.ids[i], &cur) != NG_OK) {
			st = cursor_failed(w, "the mentions");
			break;
		}
		ng_status s;
		while ((s = ng_cursor_step(cur)) == NG_ROW) {
			const char *key = ng_cursor_column_text(cur, 6);
			if (!key)
				continue;
			uint64_t h = ngi_hash(key, strlen(key), 0);
			/* collisions: probe on to the next hash value */
			uint64_t *v;
			while ((v = ngi_map_get(&slot, h)) != NULL &&
			       strcmp(counts[*v - 1].key, key) != 0)
				h++;
			if (v) {
				counts[*v - 1].mentions++;
				continue;
			}
			void *p = counts;
			char *copy = strdup(key);
			if (!copy || ngi_grow(&p, &cap, n + 1, sizeof *counts) != NG_OK ||
			    ngi_map_put(&slot, h, n + 1) != NG_OK) {
				free(copy);
				counts = p;
				st = NG_ERR_NOMEM;
				break;
			}
			counts = p;
			counts[n++] = (key_count){copy, 1};
		}
		ng_cursor_close(cur);
		if (st == NG_OK && s != NG_DONE)
			st = cursor_failed(w, "the mentions");
	}
	ngi_map_free(&slot);
	if (st == NG_OK && n) {
		qsort(counts, n, sizeof *counts, by_mentions);
		size_t keep = n < NGW_MAX_SITE_ENTITIES ? n : NGW_MAX_SITE_ENTITIES;
		size_t kcap = 0;
		for (size_t i = 0; i < keep && st == NG_OK; i++)
			st = idset_add(&w->keys, &kcap, counts[i].key);
		idset_finish(&w->keys);
	}
	for (size_t i = 0; i < n; i++)
		free(counts[i].key);
	free(counts);
	return st;
}

static ng_status write_story(site *w, long long story, int as_index)
{
	ngw_ctx c;
	char rel[64];
	page_ctx(w, &c, as_index ? 0 : 1);
	ngw_page_story(&c, story);
	if (as_index)
		snprintf(rel, sizeof rel, "index.html");
	else
		snprintf(rel, sizeof rel, "stories/%lld.html", story);
	ng_status st = write_rendered(w, &c, rel);
	if (st)
		return st;
	/* the copy edges of the story: their shared passages */
	if (as_index)
		return NG_OK;
	ng_cursor *cur = NULL;
	if (ng_story_copies_open(w->e, story, &cur) != NG_OK)
		return cursor_failed(w, "the copies");
	while (st == NG_OK && (st = ng_cursor_step(cur)) == NG_ROW) {
		const char *copy = ng_cursor_column_text(cur, 0);
		const char *original = ng_cursor_column_text(cur, 1);
		char *dir_rel = name_for("copies/", copy, NULL);
		char *rel2 = name_for("copies/", copy, original);
		st = dir_rel && rel2 ? NG_OK : NG_ERR_NOMEM;
		if (st == NG_OK) {
			/* copies/NAME/ for NAME.html's folder */
			dir_rel[strlen(dir_rel) - 5] = '\0';
			size_t len = strlen(w->dir) + strlen(dir_rel) + 2;
			char *path = malloc(len);
			if (!path)
				st = NG_ERR_NOMEM;
			else {
				snprintf(path, len, "%s/%s", w->dir, dir_rel);
				st = make_dir(w, path);
				free(path);
			}
		}
		if (st == NG_OK) {
			ngw_ctx cc;
			page_ctx(w, &cc, 2);
			ngw_page_copies(&cc, copy, original);
			st = write_rendered(w, &cc, rel2);
		}
		free(dir_rel);
		free(rel2);
	}
	ng_cursor_close(cur);
	if (st == NG_DONE || st == NG_ROW)
		return NG_OK;
	return st == NG_OK ? NG_OK : st;
}

static ng_status write_stories(site *w)
{
	if (w->only_story) {
		ng_status st = write_story(w, w->only_story, 1);
		return st ? st : write_story(w, w->only_story, 0);
	}
	/* the list pages, then every story */
	int more = 1;
	for (long long page = 1; more; page++) {
		ngw_ctx c;
		page_ctx(w, &c, 0);
		ngw_page_stories_static(&c, page, &more);
		char rel[64];
		if (page == 1)
			snprintf(rel, sizeof rel, "index.html");
		else
			snprintf(rel, sizeof rel, "list-%lld.html", page);
		ng_status st = write_rendered(w, &c, rel);
		if (st)
			return st;
	}
	ng_cursor *cur = NULL;
	if (ng_stories_open(w->e, NULL, &cur) != NG_OK)
		return cursor_failed(w, "the stories");
	long long *stories = NULL;
	size_t n = 0, cap = 0;
	ng_status st;
	while ((st = ng_cursor_step(cur)) == NG_ROW) {
		void *p = stories;
		if (ngi_grow(&p, &cap, n + 1, sizeof *stories) != NG_OK) {
			st = NG_ERR_NOMEM;
			break;
		}
		stories = p;
		stories[n++] = ng_cursor_column_int64(cur, 0);
	}
	ng_cursor_close(cur);
	if (st != NG_DONE) {
		free(stories);
		return st == NG_ERR_NOMEM ? st : cursor_failed(w, "the stories");
	}
	st = NG_OK;
	for (size_t i = 0; i < n && st == NG_OK; i++)
		st = write_story(w, stories[i], 0);
	free(stories);
	return st;
}

static ng_status write_articles(site *w)
{
	for (size_t i = 0; i < w->articles.n; i++) {
		char *rel = name_for("articles/", w->articles.ids[i], NULL);
		if (!rel)
			return NG_ERR_NOMEM;
		ngw_ctx c;
		page_ctx(w, &c, 1);
		ngw_page_article(&c, w->articles.ids[i]);
		ng_status st = write_rendered(w, &c, rel);
		free(rel);
		if (st)
			return st;
	}
	return NG_OK;
}

static ng_status write_entities(site *w)
{
	for (size_t i = 0; i < w->keys.n; i++) {
		char *rel = name_for("entities/", w->keys.ids[i], NULL);
		if (!rel)
			return NG_ERR_NOMEM;
		ngw_ctx c;
		page_ctx(w, &c, 1);
		ngw_page_entity(&c, w->keys.ids[i], NULL);
		ng_status st = write_rendered(w, &c, rel);
		free(rel);
		if (st)
			return st;
	}
	return NG_OK;
}

ng_status ngw_write_site(ng_engine *e, const char *dir, long long story, FILE *log)
{
	if (!e || !dir || !*dir || story < 0)
		return NG_ERR_USAGE;
	site w = {.e = e, .dir = dir, .log = log, .only_story = story};
	if (story) {
		ng_cursor *cur = NULL;
		ng_status st = ng_story_open(e, story, &cur);
		ng_cursor_close(cur);
		if (st) {
			if (log)
				fprintf(log, "newsgraph: report: story %lld: %s\n", story,
					st == NG_ERR_NOTFOUND ? "no such story" : ng_errmsg(e));
			return st;
		}
	}
	static const char *const folders[] = {"", "/stories", "/articles",
					      "/entities", "/copies", "/assets"};
	ng_status st = NG_OK;
	for (size_t i = 0; i < NGI_ARRAY_LEN(folders) && st == NG_OK; i++) {
		size_t n = strlen(dir) + strlen(folders[i]) + 1;
		char *path = malloc(n);
		if (!path)
			return NG_ERR_NOMEM;
		snprintf(path, n, "%s%s", dir, folders[i]);
		st = make_dir(&w, path);
		free(path);
	}
	if (st == NG_OK)
		st = write_assets(&w);
	if (st == NG_OK)
		st = collect_articles(&w);
	if (st == NG_OK)
		st = collect_entities(&w);
	if (st == NG_OK)
		st = write_stories(&w);
	if (st == NG_OK)
		st = write_articles(&w);
	if (st == NG_OK)
		st = write_entities(&w);
	if (st == NG_OK && log)
		fprintf(log, "newsgraph: report: wrote %lld files to %s (%zu articles, "
			     "%zu entities)\n", w.files, dir, w.articles.n, w.keys.n);
	idset_free(&w.articles);
	idset_free(&w.keys);
	return st;
}
