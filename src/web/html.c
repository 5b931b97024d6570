/*
 * html.c: the writers every page of the web view goes through: HTML
 * escaping, percent-encoding, the static site's file names, the links
 * (absolute paths when served, relative file names in the static site) and
 * the page's frame (head, header, footer, error pages). Escaping lives here
 * only, so a string from an article reaches the page in one way: escaped.
 */
#include "web_int.h"

#include "../base/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *ngw_param(ngw_ctx *c, const char *name)
{
	if (!c->rq || !c->rq->param)
		return NULL;
	return c->rq->param(c->rq->param_ctx, name);
}

static void fail_on(ngw_ctx *c, ng_status st)
{
	if (st != NG_OK)
		c->failed = 1;
}

void ngw_rawn(ngw_ctx *c, const char *s, size_t n)
{
	if (!c->failed)
		fail_on(c, ngi_buf_append(&c->out, s, n));
}

void ngw_raw(ngw_ctx *c, const char *s)
{
	if (s)
		ngw_rawn(c, s, strlen(s));
}

void ngw_fmt(ngw_ctx *c, const char *fmt, ...)
{
	if (c->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	fail_on(c, ngi_buf_vprintf(&c->out, fmt, ap));
	va_end(ap);
}

void ngw_textn(ngw_ctx *c, const char *s, size_t n)
{
	size_t i = 0, run = 0; /* bytes [run, i) to copy as they are */
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		const char *rep = NULL;
		size_t skip = 1;
		if (b >= 0x80) {
			size_t ok = ngi_utf8_valid_prefix(s + i, n - i);
			if (ok > 0) {
				i += ok;
				continue;
			}
			rep = "\xEF\xBF\xBD"; /* U+FFFD for the bad byte */
		} else if (b == '&')
			rep = "&amp;";
		else if (b == '<')
			rep = "&lt;";
		else if (b == '>')
			rep = "&gt;";
		else if (b == '"')
			rep = "&quot;";
		else if (b == '\'')
			rep = "&#39;";
		else if (b < 0x20 && b != '\n' && b != '\t')
			rep = ""; /* control characters: dropped */
		else if (b == 0x7F)
			rep = "";
		if (!rep) {
			i++;
			continue;
		}
		ngw_rawn(c, s + run, i - run);
		ngw_raw(c, rep);
		i += skip;
		run = i;
	}
	ngw_rawn(c, s + run, i - run);
}

void ngw_text(ngw_ctx *c, const char *s)
{
	if (s)
		ngw_textn(c, s, strlen(s));
}

void ngw_text_cut(ngw_ctx *c, const char *s, size_t max)
{
	if (!s)
		return;
	size_t len = strlen(s);
	size_t valid = ngi_utf8_valid_prefix(s, len);
	size_t got = 0;
	size_t bytes = ngi_utf8_prefix(s, valid, max, &got);
	if (bytes >= len) {
		ngw_textn(c, s, len);
		return;
	}
	ngw_textn(c, s, bytes);
	ngw_raw(c, "\xE2\x80\xA6");
}

static int unreserved(unsigned char b)
{
	return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
	       (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' ||
	       b == '~';
}

void ngw_url_part(ngw_ctx *c, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (unreserved(*p)) {
			ngw_rawn(c, (const char *)p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			ngw_rawn(c, e, 3);
		}
	}
}

/* Names are cut past this many bytes of encoding (a file name holds 255). */
#define FILE_NAME_MAX 160

void ngw_file_name(ngw_ctx *c, const char *id)
{
	static const char hex[] = "0123456789ABCDEF";
	char name[FILE_NAME_MAX + 4] = {0};
	size_t n = 0;
	int cut = 0;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		int keep = unreserved(*p) && !(*p == '.' && p == (const unsigned char *)id);
		if (n + 3 > FILE_NAME_MAX) {
			cut = 1;
			break;
		}
		if (keep) {
			name[n++] = (char)*p;
		} else {
			name[n++] = '=';
			name[n++] = hex[*p >> 4];
			name[n++] = hex[*p & 15];
		}
	}
	ngw_rawn(c, name, n);
	if (cut) /* unique again: the hash of the whole id */
		ngw_fmt(c, "=%016llx",
			(unsigned long long)ngi_hash(id, strlen(id), 0));
}

/* ---- links ---------------------------------------------------------------- */

void ngw_href_home(ngw_ctx *c)
{
	if (c->is_static) {
		ngw_raw(c, c->root);
		ngw_raw(c, "index.html");
	} else {
		ngw_raw(c, "/");
	}
}

void ngw_href_story(ngw_ctx *c, long long story)
{
	if (c->is_static)
		ngw_fmt(c, "%sstories/%lld.html", c->root, story);
	else
		ngw_fmt(c, "/stories/%lld", story);
}

void ngw_href_article(ngw_ctx *c, const char *id)
{
	if (c->is_static) {
		ngw_raw(c, c->root);
		ngw_raw(c, "articles/");
		ngw_file_name(c, id);
		ngw_raw(c, ".html");
	} else {
		ngw_raw(c, "/articles/");
		ngw_url_part(c, id);
	}
}

void ngw_href_entity(ngw_ctx *c, const char *key, const char *type)
{
	if (c->is_static) {
		ngw_raw(c, c->root);
		ngw_raw(c, "entities/");
		ngw_file_name(c, key);
		ngw_raw(c, ".html");
	} else {
		ngw_raw(c, "/entities/");
		ngw_url_part(c, key);
		if (type) {
			ngw_raw(c, "?type=");
			ngw_url_part(c, type);
		}
	}
}

void ngw_href_copies(ngw_ctx *c, const char *copy, const char *original)
{
	if (c->is_static) {
		ngw_raw(c, c->root);
		ngw_raw(c, "copies/");
		ngw_file_name(c, copy);
		ngw_raw(c, "/");
		ngw_file_name(c, original);
		ngw_raw(c, ".html");
	} else {
		ngw_raw(c, "/copies?copy=");
		ngw_url_part(c, copy);
		ngw_raw(c, "&amp;original=");
		ngw_url_part(c, original);
	}
}

void ngw_href_asset(ngw_ctx *c, const char *name)
{
	if (c->is_static) {
		ngw_raw(c, c->root);
		ngw_raw(c, "assets/");
	} else {
		ngw_raw(c, "/assets/");
	}
	ngw_raw(c, name);
}

int ngw_can_link_story(ngw_ctx *c, long long story)
{
	return !c->is_static || !c->only_story || c->only_story == story;
}

int ngw_can_link_article(ngw_ctx *c, const char *id)
{
	return !c->is_static || !c->written || ngw_idset_has(c->written, id);
}

int ngw_can_link_entity(ngw_ctx *c, const char *key)
{
	return !c->is_static || !c->entities || ngw_idset_has(c->entities, key);
}

void ngw_link_story(ngw_ctx *c, long long story, const char *text)
{
	int link = ngw_can_link_story(c, story);
	if (link) {
		ngw_raw(c, "<a href=\"");
		ngw_href_story(c, story);
		ngw_raw(c, "\">");
	}
	if (text && *text)
		ngw_text_cut(c, text, 160);
	else
		ngw_fmt(c, "story %lld", story);
	if (link)
		ngw_raw(c, "</a>");
}

void ngw_link_article(ngw_ctx *c, const char *id, const char *text)
{
	int link = ngw_can_link_article(c, id);
	if (link) {
		ngw_raw(c, "<a href=\"");
		ngw_href_article(c, id);
		ngw_raw(c, "\">");
	}
	ngw_article_label(c, id, text);
	if (link)
		ngw_raw(c, "</a>");
}

char *ngw_article_title(ngw_ctx *c, const char *id, const char *title)
{
	if (title && *title)
		return strdup(title);
	const char *text = NULL;
	size_t len = 0;
	if (ng_article_text(c->e, id, &text, &len) != NG_OK || !text || !len)
		return NULL;
	size_t skip = 0;
	while (skip < len && (text[skip] == ' ' || text[skip] == '\n' || text[skip] == '\r'))
		skip++;
	size_t n = skip;
	while (n < len && text[n] != '\n' && n - skip < 400)
		n++;
	while (n > skip && (text[n - 1] == ' ' || text[n - 1] == '\r'))
		n--;
	return n > skip ? strndup(text + skip, n - skip) : NULL;
}

void ngw_article_label(ngw_ctx *c, const char *id, const char *title)
{
	if (title && *title) {
		ngw_text_cut(c, title, 160);
		return;
	}
	/* untitled: its first words, else its id */
	char *line = ngw_article_title(c, id, NULL);
	if (line) {
		ngw_raw(c, "<span class=\"untitled\">");
		ngw_text_cut(c, line, 80);
		ngw_raw(c, "</span>");
		free(line);
		return;
	}
	ngw_text(c, id);
}

void ngw_link_entity(ngw_ctx *c, const char *key, const char *type,
		     const char *text)
{
	if (!key || !*key || !ngw_can_link_entity(c, key)) {
		ngw_text(c, text && *text ? text : key);
		return;
	}
	ngw_raw(c, "<a href=\"");
	ngw_href_entity(c, key, type);
	ngw_raw(c, "\">");
	ngw_text(c, text && *text ? text : key);
	ngw_raw(c, "</a>");
}

/* ---- the frame -------------------------------------------------------------- */

void ngw_page_begin(ngw_ctx *c, const char *title)
{
	ngw_raw(c, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		   "<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>");
	ngw_text_cut(c, title, 120);
	ngw_raw(c, " \xE2\x80\x94 newsgraph</title>\n<link rel=\"stylesheet\" href=\"");
	ngw_href_asset(c, "style.css");
	ngw_raw(c, "\">\n<script src=\"");
	ngw_href_asset(c, "app.js");
	ngw_raw(c, "\" defer></script>\n</head>\n");
	ngw_raw(c, c->is_static ? "<body data-site=\"static\">\n" : "<body>\n");
	ngw_raw(c, "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		   "<header class=\"top\">\n<a class=\"brand\" href=\"");
	ngw_href_home(c);
	ngw_raw(c, "\">newsgraph</a>\n");
	if (!c->is_static) {
		const char *q = NULL;
		if (c->rq && c->rq->path && strcmp(c->rq->path, "/search") == 0)
			q = ngw_param(c, "q");
		ngw_raw(c, "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">\n"
			   "<label for=\"q\">Search articles</label>\n"
			   "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"500\" value=\"");
		ngw_text(c, q);
		ngw_raw(c, "\" placeholder=\"words, &quot;a phrase&quot;, prefix*\">\n"
			   "<button type=\"submit\">Search</button>\n</form>\n");
	}
	ngw_raw(c, "</header>\n<main id=\"main\">\n");
}

void ngw_page_end(ngw_ctx *c)
{
	ngw_raw(c, "</main>\n<footer class=\"bottom\"><p>newsgraph ");
	ngw_text(c, ng_libversion());
	ngw_raw(c, c->is_static ? " \xC2\xB7 a static report: the story list's "
				  "filter needs JavaScript; full-text search "
				  "needs <code>newsgraph serve</code>"
				: " \xC2\xB7 the same data as JSON under /api/");
	ngw_raw(c, "</p></footer>\n</body>\n</html>\n");
}

void ngw_error_page(ngw_ctx *c, int status, const char *title,
		    const char *message)
{
	ngi_buf_clear(&c->out);
	c->failed = 0;
	c->status = status;
	ngw_page_begin(c, title);
	ngw_raw(c, "<h1>");
	ngw_text(c, title);
	ngw_raw(c, "</h1>\n<p class=\"error\" role=\"alert\">");
	ngw_text(c, message);
	ngw_raw(c, "</p>\n<p><a href=\"");
	ngw_href_home(c);
	ngw_raw(c, "\">Back to the stories</a></p>\n");
	ngw_page_end(c);
}

void ngw_cursor_error(ngw_ctx *c, const char *what)
{
	c->status = 500;
	ngw_raw(c, "<p class=\"error\" role=\"alert\">Could not read ");
	ngw_text(c, what);
	ngw_raw(c, ": ");
	ngw_text(c, ng_errmsg(c->e));
	ngw_raw(c, "</p>\n");
}

int ngw_parse_int(const char *s, long long lo, long long hi, long long *out)
{
	if (!s || !*s || strlen(s) > 19)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* Days from the civil date (proleptic Gregorian), as in the usual
 * era-based formula. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

int ngw_parse_day(const char *s, long long *days)
{
	if (!s || strlen(s) < 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	long long y = atoi(s);
	unsigned m = (unsigned)atoi(s + 5), d = (unsigned)atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	*days = days_from_civil(y, m, d);
	return 1;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ngw_idset_has(const ngw_idset *s, const char *id)
{
	return s->n && bsearch(&id, s->ids, s->n, sizeof *s->ids, cmp_id) != NULL;
}
