/*
 * web_int.h: what the files of the web view share (docs/WEB.md). One
 * rendering context (ngw_ctx) carries the engine, the output buffer and
 * the link mode: served pages link with absolute paths ("/stories/12"),
 * the static site (site.c) with relative file names ("../stories/12.html").
 * The writers (html.c) escape every string for HTML and percent-encode
 * every URL part, and remember the first failure (out of memory, output
 * past its cap), so page code writes without checking each call; the
 * renderer checks once at the end.
 */
#ifndef NG_WEB_INT_H
#define NG_WEB_INT_H

#include "web.h"

#include "../base/base.h"

/* The most entity pages a static site writes (each is a scan of the
 * mentions): the most mentioned in its articles; the others are named
 * without a link. */
#define NGW_MAX_SITE_ENTITIES 300

/* Rows shown at once: every list is paged or capped, so a page costs the
 * same on 100,000 articles as on ten. */
enum {
	NGW_STORIES_PER_PAGE = 50,
	NGW_SEARCH_PER_PAGE = 20,
	NGW_ARTICLES_PER_PAGE = 100, /* of a story */
	NGW_ENTITY_ARTICLES_PER_PAGE = 50,
	NGW_MAX_TIMELINE_EVENTS = 300,
	NGW_MAX_TREE_EDGES = 200,
	NGW_MAX_QUOTES = 200,
	NGW_MAX_CLAIMS = 30,
	NGW_MAX_RESPONSES = 20, /* per claim */
	NGW_MAX_RELATED = 12,
	NGW_MAX_EVIDENCE = 100,
	NGW_MAX_PAGE = 100000, /* ?page= */
	NGW_MAX_QUERY = 500    /* bytes of ?q= */
};

/* The largest page body: a page past it fails cleanly (500). */
#define NGW_MAX_PAGE_BYTES ((size_t)32 << 20)

/* What a static site writes (site.c): a sorted array of ids or keys. */
typedef struct ngw_idset {
	char **ids;
	size_t n;
} ngw_idset;

int ngw_idset_has(const ngw_idset *s, const char *id);

typedef struct ngw_ctx {
	ng_engine *e;
	const ngw_request *rq;
	ngi_buf out;
	int status;          /* HTTP status of the page */
	int failed;          /* an append failed: out of memory or past cap */
	/* static site: links are relative file names from root ("",
	 * "../", "../../"); served: absolute paths, root unused */
	int is_static;
	const char *root;
	long long only_story;     /* static --story N: the one story written */
	const ngw_idset *written; /* static: the articles written, NULL = all */
	const ngw_idset *entities; /* static: the entity keys written, NULL = all */
} ngw_ctx;

/* A query parameter, NULL when absent (and always in the static site). */
const char *ngw_param(ngw_ctx *c, const char *name);

/* ---- writers (html.c) ---------------------------------------------------- */
void ngw_raw(ngw_ctx *c, const char *s);
void ngw_rawn(ngw_ctx *c, const char *s, size_t n);
void ngw_fmt(ngw_ctx *c, const char *fmt, ...) NGI_PRINTF(2, 3);
/* s escaped for HTML text and attribute values (& < > " '); invalid UTF-8
 * becomes U+FFFD, control characters but tab and newline are dropped.
 * NULL writes nothing. */
void ngw_text(ngw_ctx *c, const char *s);
void ngw_textn(ngw_ctx *c, const char *s, size_t n);
/* The first max code points of s, escaped, with "…" when cut. */
void ngw_text_cut(ngw_ctx *c, const char *s, size_t max);
/* s percent-encoded for a path segment or query value (only A-Z a-z 0-9
 * - . _ ~ stay). */
void ngw_url_part(ngw_ctx *c, const char *s);
/* The file name standing for an id in the static site: A-Z a-z 0-9 - _ ~
 * and inner dots stay, every other byte is =XX; a long one is cut and ends
 * in a hash, so names stay under 200 bytes. Safe in a URL as it is. */
void ngw_file_name(ngw_ctx *c, const char *id);

/* hrefs (the attribute's value, already safe inside double quotes) */
void ngw_href_home(ngw_ctx *c);
void ngw_href_story(ngw_ctx *c, long long story);
void ngw_href_article(ngw_ctx *c, const char *id);
void ngw_href_entity(ngw_ctx *c, const char *key, const char *type);
void ngw_href_copies(ngw_ctx *c, const char *copy, const char *original);
void ngw_href_asset(ngw_ctx *c, const char *name);

/* Whether the page linked to exists (static site: it was written). */
int ngw_can_link_story(ngw_ctx *c, long long story);
int ngw_can_link_article(ngw_ctx *c, const char *id);
int ngw_can_link_entity(ngw_ctx *c, const char *key);

/* <a href=...>text</a>, or the text alone when there is no page for it.
 * text NULL or empty: the id (the story's number). */
void ngw_link_story(ngw_ctx *c, long long story, const char *text);
void ngw_link_article(ngw_ctx *c, const char *id, const char *text);
/* An article's title, or for an untitled one the start of its first line
 * (else its id), escaped. */
void ngw_article_label(ngw_ctx *c, const char *id, const char *title);
/* The same as a malloc'ed plain string (title, else the first line of its
 * text, at most 400 bytes), NULL when there is neither (or no memory). */
char *ngw_article_title(ngw_ctx *c, const char *id, const char *title);
void ngw_link_entity(ngw_ctx *c, const char *key, const char *type,
		     const char *text);

/* The page around the content: head, header with the search box (served)
 * or the list filter's place (static), main; title is escaped. */
void ngw_page_begin(ngw_ctx *c, const char *title);
void ngw_page_end(ngw_ctx *c);
/* A whole error page (status and a message) in place of what was written. */
void ngw_error_page(ngw_ctx *c, int status, const char *title,
		    const char *message);
/* A cursor failed mid-page: an error box in place, status 500. */
void ngw_cursor_error(ngw_ctx *c, const char *what);

/* Parses a whole decimal number in [lo, hi]; 0 on anything else. */
int ngw_parse_int(const char *s, long long lo, long long hi, long long *out);

/* ---- pages ---------------------------------------------------------------- */
void ngw_page_stories(ngw_ctx *c);                /* page_list.c */
/* The static site's list page number page (index.html, list-N.html);
 * *more says whether a next page has stories. */
void ngw_page_stories_static(ngw_ctx *c, long long page, int *more);
void ngw_page_search(ngw_ctx *c);                 /* page_search.c */
void ngw_page_story(ngw_ctx *c, long long story); /* page_story.c */
void ngw_page_article(ngw_ctx *c, const char *id);            /* page_article.c */
void ngw_page_copies(ngw_ctx *c, const char *copy, const char *original);
void ngw_page_entity(ngw_ctx *c, const char *key, const char *type); /* page_entity.c */

/* The pictures of a story page: inline SVG with their text equivalent. */
void ngw_svg_timeline(ngw_ctx *c, long long story);  /* svg_timeline.c */
void ngw_svg_copy_tree(ngw_ctx *c, long long story); /* svg_copy_tree.c */

/* Days since 1970-01-01 of "YYYY-MM-DD" (at least those ten bytes); 0 when
 * it is no such date. */
int ngw_parse_day(const char *s, long long *days);

#endif
