/*
 * test_html.c: the HTML extractor (src/read/html.h) on small pages the test
 * writes. Boilerplate removal; paragraphs, headings and lists in page
 * order; each metadata source (meta tags, Open Graph, JSON-LD, <time>,
 * the URL's path, bylines and wire credits, canonical links resolved);
 * each charset path (byte-order mark, the HTTP header winning over <meta>,
 * <meta>, ICU's detector on an undeclared windows-1251 page, bytes that do
 * not decode counted); the caps (size, nesting depth on a generated deep
 * page and the number of elements, in bounded time); binary input refused with a reason; a page with
 * an empty body and one with no <body> at all; the URL and date helpers
 * as tables; the public ng_extract_html_to (its JSON, sized options,
 * diagnostics, usage and output errors).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "read/html_int.h"

static ngi_arena arena;

/* Extracts page (NUL-terminated) with url and content type. */
static ng_status run(const char *page, const char *url, const char *ctype,
		     ngi_html_page *p, const char **why)
{
	ngi_arena_reset(&arena);
	memset(p, 0, sizeof *p);
	return ngi_html_extract(page, strlen(page), url, ctype, &arena, p, why);
}

static int contains(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

/* The offset of needle in s, or -1. */
static long pos(const char *s, const char *needle)
{
	const char *p = s ? strstr(s, needle) : NULL;
	return p ? (long)(p - s) : -1;
}

#define PARA1 "The minister said on Tuesday that the new rules would apply to every company operating in the country from next year."
#define PARA2 "Critics of the plan, including several opposition parties, argued that the timetable was far too short for small firms."
#define PARA3 "A spokesman for the ministry declined to comment further on the details, saying a full report would be published soon."

static void test_boilerplate(void)
{
	const char *page =
		"<!DOCTYPE html><html lang=\"en\"><head><title>New rules for firms | Example News</title>"
		"<style>p { color: red }</style><script>var x = '<p>not text</p>';</script></head><body>"
		"<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
		"<li><a href=\"/business\">Business</a></li></ul></nav></header>"
		"<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies to continue reading.</div>"
		"<main><article><h1>New rules for firms</h1>"
		"<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet this story</a></div>"
		"<p>" PARA1 "</p><h2>Opposition</h2><p>" PARA2 "</p>"
		"<div class=\"ad-slot\">Advertisement: buy the best widgets at the lowest prices today</div>"
		"<ul><li>First point of the plan</li><li>Second point of the plan</li></ul>"
		"<blockquote>We will not back down, the minister told reporters.</blockquote>"
		"<p>" PARA3 "</p>"
		"<!-- <p>commented out text</p> -->"
		"<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=\"/a\">Another story about a completely different subject</a></li>"
		"<li><a href=\"/b\">Yet another story that readers liked very much this week</a></li></ul></div>"
		"</article>"
		"<section id=\"comments\"><p>Reader one wrote a long comment that disagrees with everything in the article above.</p></section>"
		"</main><footer><p>Copyright 2024 Example News. All rights reserved. Contact us for licensing.</p></footer>"
		"</body></html>";
	ngi_html_page p;
	const char *why = NULL;
	CHECK(run(page, "https://www.example.com/news/rules", NULL, &p, &why) == NG_OK);
	CHECK(contains(p.body, PARA1));
	CHECK(contains(p.body, PARA2));
	CHECK(contains(p.body, PARA3));
	CHECK(contains(p.body, "Opposition"));
	CHECK(contains(p.body, "First point of the plan"));
	CHECK(contains(p.body, "We will not back down"));
	/* order: paragraph, heading, paragraph, list, quote, paragraph */
	CHECK(pos(p.body, PARA1) < pos(p.body, "Opposition"));
	CHECK(pos(p.body, "Opposition") < pos(p.body, PARA2));
	CHECK(pos(p.body, PARA2) < pos(p.body, "First point"));
	CHECK(pos(p.body, "Second point") < pos(p.body, "We will not"));
	CHECK(pos(p.body, "We will not") < pos(p.body, PARA3));
	/* blocks are separated by one blank line */
	CHECK(contains(p.body, PARA1 "\n\nOpposition\n\n" PARA2));
	/* what must go */
	const char *gone[] = {"Home", "cookies", "Share on Facebook", "Advertisement",
			      "Another story", "Reader one", "Copyright", "not text",
			      "commented out", "New rules for firms"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(gone); i++)
		CHECK_MSG(!contains(p.body, gone[i]), "\"%s\" in the body", gone[i]);
	CHECK(p.body_len == strlen(p.body));
	CHECK_STR(p.lang, "en");
	CHECK_STR(p.site, "example.com"); /* no site name: the host */
	CHECK_STR(p.url, "https://www.example.com/news/rules");
	CHECK_STR(p.title, "New rules for firms");
}

static void test_metadata(void)
{
	/* meta tags and Open Graph */
	const char *page1 =
		"<html><head>"
		"<meta property=\"og:title\" content=\"The OG title\">"
		"<meta property=\"og:site_name\" content=\"Daily Example\">"
		"<meta property=\"og:url\" content=\"/2019/11/18/story.html\">"
		"<meta property=\"og:locale\" content=\"de_DE\">"
		"<meta name=\"author\" content=\"Anna Schmidt\">"
		"<meta property=\"article:published_time\" content=\"2019-11-18T08:19:00+01:00\">"
		"<meta property=\"article:modified_time\" content=\"2019-11-19 10:00:00Z\">"
		"</head><body><p>" PARA1 "</p></body></html>";
	ngi_html_page p;
	const char *why;
	CHECK(run(page1, "https://example.de/section/x?id=3", NULL, &p, &why) == NG_OK);
	CHECK_STR(p.title, "The OG title");
	CHECK_STR(p.site, "Daily Example");
	CHECK_STR(p.url, "https://example.de/2019/11/18/story.html");
	CHECK_STR(p.lang, "de-DE");
	CHECK_STR(p.authors, "Anna Schmidt");
	CHECK_STR(p.published, "2019-11-18T08:19:00+01:00");
	CHECK(p.published_source == NGI_PUB_METADATA);
	CHECK_STR(p.modified, "2019-11-19T10:00:00Z");

	/* JSON-LD wins for authors and dates; entities in it decoded */
	const char *page2 =
		"<html lang=\"fr\"><head><link rel=\"canonical\" href=\"../canon/page\">"
		"<meta http-equiv=\"content-language\" content=\"es\">"
		"<meta property=\"article:published_time\" content=\"2001-01-01\">"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
		"{\"@type\":\"WebSite\",\"name\":\"Site Name\"},"
		"{\"@type\":\"NewsArticle\",\"headline\":\"Ben &amp; Jerry&#8217;s\",\"datePublished\":\"2020-02-03T04:05:06Z\","
		"\"dateModified\":\"2020-02-04\",\"author\":[{\"@type\":\"Person\",\"name\":\"Jean Dupont\"},"
		"{\"@type\":\"Person\",\"name\":\"Marie Curie\"}],\"publisher\":{\"@type\":\"Organization\",\"name\":\"Le Journal\"}}]}"
		"</script></head><body><p>" PARA2 "</p></body></html>";
	CHECK(run(page2, "http://example.fr/a/b/c.html", NULL, &p, &why) == NG_OK);
	CHECK_STR(p.title, "Ben & Jerry\xE2\x80\x99s");
	CHECK_STR(p.authors, "Jean Dupont; Marie Curie");
	CHECK_STR(p.published, "2020-02-03T04:05:06Z");
	CHECK_STR(p.modified, "2020-02-04");
	CHECK_STR(p.site, "Le Journal");
	CHECK_STR(p.lang, "fr"); /* <html lang> first */
	CHECK_STR(p.url, "http://example.fr/a/canon/page");
	CHECK(contains(p.body, PARA2));

	/* <time datetime>, a byline, a wire credit, the date from the URL */
	const char *page3 =
		"<html><head><meta http-equiv=\"content-language\" content=\"es\"></head><body><article>"
		"<div class=\"byline\">By John Smith and Jane Roe</div>"
		"<span class=\"date\"><time datetime=\"2021-05-06T07:08\">May 6</time></span>"
		"<p>LONDON (Reuters) - " PARA1 "</p><p>" PARA3 "</p></article></body></html>";
	CHECK(run(page3, "https://news.example.org/2018/02/03/story", NULL, &p, &why) == NG_OK);
	CHECK_STR(p.published, "2021-05-06T07:08:00");
	CHECK(p.published_source == NGI_PUB_METADATA);
	CHECK_STR(p.authors, "John Smith; Jane Roe");
	CHECK_STR(p.credit, "By John Smith and Jane Roe, Reuters");
	CHECK_STR(p.lang, "es");
	CHECK_STR(p.site, "news.example.org");
	CHECK(!contains(p.body, "John Smith"));

	/* no date anywhere but in the URL */
	const char *page4 = "<html><body><p>" PARA3 "</p></body></html>";
	CHECK(run(page4, "https://example.com/news/2017-12-31-year-end", NULL, &p, &why) == NG_OK);
	CHECK_STR(p.published, "2017-12-31");
	CHECK(p.published_source == NGI_PUB_TEXT);
	CHECK(p.title == NULL);
	CHECK(p.authors == NULL);
	CHECK(p.credit == NULL);
	CHECK(run(page4, NULL, NULL, &p, &why) == NG_OK);
	CHECK(p.published == NULL && p.url == NULL && p.site == NULL);
}

static void test_charsets(void)
{
	ngi_html_page p;
	const char *why;
	/* UTF-8 byte-order mark, no declaration */
	const char *bom = "\xEF\xBB\xBF<html><body><p>Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln, " PARA1 "</p></body></html>";
	CHECK(run(bom, NULL, NULL, &p, &why) == NG_OK);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.charset_source, "bom");
	CHECK(contains(p.body, "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln"));
	CHECK(p.invalid_bytes == 0);

	/* the HTTP header wins over the page's <meta> */
	const char *latin = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9 cr\xE8me, " PARA2 "</p></body></html>";
	CHECK(run(latin, NULL, "text/html; charset=ISO-8859-1", &p, &why) == NG_OK);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.charset_source, "http");
	CHECK(contains(p.body, "Caf\xC3\xA9 cr\xC3\xA8me"));
	CHECK(p.invalid_bytes == 0);

	/* <meta> alone; a Content-Type without a charset does not count */
	const char *meta = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>"
			   "<body><p>\x93Quoted\x94 text, " PARA3 "</p></body></html>";
	CHECK(run(meta, NULL, "text/html", &p, &why) == NG_OK);
	CHECK_STR(p.charset_source, "meta");
	CHECK(contains(p.body, "\xE2\x80\x9CQuoted\xE2\x80\x9D"));

	/* no declaration at all: a windows-1251 page goes to ICU's detector */
	const char *cp1251 =
		"<html><body><p>\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xd0\xee\xf1\xf1\xe8\xe8 \xe7\xe0\xff\xe2\xe8\xeb \xe2 "
		"\xf7\xe5\xf2\xe2\xe5\xf0\xe3, \xf7\xf2\xee \xef\xf0\xe0\xe2\xe8\xf2\xe5\xeb\xfc\xf1\xf2\xe2\xee "
		"\xef\xee\xe4\xe3\xee\xf2\xee\xe2\xe8\xf2 \xed\xee\xe2\xfb\xe9 \xe7\xe0\xea\xee\xed \xee \xed\xe0\xeb\xee\xe3\xe0\xf5 "
		"\xe4\xee \xea\xee\xed\xf6\xe0 \xe3\xee\xe4\xe0, \xe0 \xe4\xe5\xef\xf3\xf2\xe0\xf2\xfb \xe3\xee\xf1\xf3\xe4\xe0\xf0\xf1\xf2\xe2\xe5\xed\xed\xee\xe9 "
		"\xe4\xf3\xec\xfb \xf0\xe0\xf1\xf1\xec\xee\xf2\xf0\xff\xf2 \xe5\xe3\xee \xe2 \xef\xe5\xf0\xe2\xee\xec \xf7\xf2\xe5\xed\xe8\xe8.</p></body></html>";
	CHECK(run(cp1251, NULL, NULL, &p, &why) == NG_OK);
	CHECK_STR(p.charset, "windows-1251");
	CHECK_STR(p.charset_source, "detected");
	/* "Президент России" */
	CHECK(contains(p.body, "\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 "
			       "\xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD0\xB8"));

	/* declared UTF-8 with two bad bytes: replaced and counted */
	const char *bad = "<html><head><meta charset=utf-8></head><body><p>Bad \xFF here and \xC3 there, " PARA1 "</p></body></html>";
	CHECK(run(bad, NULL, NULL, &p, &why) == NG_OK);
	CHECK_STR(p.charset, "utf-8");
	CHECK(p.invalid_bytes == 2);
	CHECK(contains(p.body, "Bad \xEF\xBF\xBD here"));
	/* ASCII with no declaration: utf-8 by default */
	CHECK(run("<p>" PARA2 "</p>", NULL, NULL, &p, &why) == NG_OK);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.charset_source, "default");
	/* an unknown label is skipped for the next source */
	CHECK(run("<meta charset=\"x-no-such-charset\"><p>" PARA2 "</p>", NULL, NULL, &p, &why) == NG_OK);
	CHECK_STR(p.charset_source, "default");
}

static void test_bad_input(void)
{
	ngi_html_page p;
	const char *why = NULL;
	static const struct {
		const char *bytes;
		size_t len;
		const char *why_has;
	} cases[] = {
		{"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", 24, "PDF"},
		{"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "PNG"},
		{"\x1F\x8B\x08\0\0\0\0\0\0\x03", 10, "gzip"},
		{"\0\x01\x02\x03\x04\x05\x06\x07<html>\x10\x11\x12\x13", 18, "control"},
		{"", 0, "empty"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		ngi_arena_reset(&arena);
		why = NULL;
		ng_status st = ngi_html_extract(cases[i].bytes, cases[i].len, NULL,
						NULL, &arena, &p, &why);
		CHECK_MSG(st == NG_ERR_INPUT, "case %zu: status %d", i, st);
		CHECK_MSG(why && strstr(why, cases[i].why_has), "case %zu: %s", i,
			  why ? why : "(null)");
	}
	/* too big: refused before any work */
	ngi_arena_reset(&arena);
	CHECK(ngi_html_extract("<p>x</p>", NGI_HTML_MAX_BYTES + 1, NULL, NULL,
			       &arena, &p, &why) == NG_ERR_TOOBIG);
	CHECK(why && strstr(why, "32 MiB"));

	/* a body with nothing in it, and a page with no <body> at all */
	CHECK(run("<html><head><title>Empty</title></head><body></body></html>",
		  NULL, NULL, &p, &why) == NG_OK);
	CHECK(p.body && p.body[0] == 0 && p.body_len == 0);
	CHECK_STR(p.title, "Empty");
	CHECK(run("<html><head><title>Only a head</title><meta name=author content=\"A B\"></head></html>",
		  NULL, NULL, &p, &why) == NG_OK);
	CHECK(p.body && p.body_len == 0);
	CHECK_STR(p.authors, "A B");
	CHECK(run("Just some text without any markup, long enough to be a paragraph of the page.",
		  NULL, NULL, &p, &why) == NG_OK);
	CHECK(contains(p.body, "Just some text"));
	/* markup that is only broken */
	CHECK(run("<<<>>></p></div><p <a href=\"", NULL, NULL, &p, &why) == NG_OK);
	CHECK(run("<script>never closed", NULL, NULL, &p, &why) == NG_OK);
	CHECK(p.body_len == 0);
}

/* A page of `levels` nested <div>s: refused (nesting cap), in bounded
 * time and memory, and a page just under the cap read as usual. */
static void test_deep_nesting(void)
{
	size_t levels = 2000000; /* 10 MB of <div> */
	size_t len = levels * 5 + 64;
	char *page = malloc(len + 1);
	if (!page) {
		CHECK(!"out of memory");
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < levels; i++) {
		memcpy(page + k, "<div>", 5);
		k += 5;
	}
	k += (size_t)sprintf(page + k, "<p>deep text</p>");
	ngi_html_page p;
	const char *why = NULL;
	clock_t t0 = clock();
	ngi_arena_reset(&arena);
	ng_status st = ngi_html_extract(page, k, NULL, NULL, &arena, &p, &why);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(st == NG_ERR_INPUT);
	CHECK(why && strstr(why, "nested"));
	CHECK_MSG(secs < 10, "%.1f s", secs);
	/* 200 levels: fine */
	k = 0;
	for (size_t i = 0; i < 200; i++) {
		memcpy(page + k, "<div>", 5);
		k += 5;
	}
	k += (size_t)sprintf(page + k, "<p>" PARA1 "</p>");
	page[k] = 0;
	CHECK(run(page, NULL, NULL, &p, &why) == NG_OK);
	CHECK(contains(p.body, PARA1));
	free(page);

	/* more elements than the tree takes: refused, also in bounded time */
	size_t many = NGI_HTML_MAX_NODES + 10;
	page = malloc(many * 4 + 256);
	if (!page) {
		CHECK(!"out of memory");
		return;
	}
	k = (size_t)sprintf(page, "<p>" PARA1 "</p>");
	for (size_t i = 0; i < many; i++) {
		memcpy(page + k, "<br>", 4);
		k += 4;
	}
	t0 = clock();
	ngi_arena_reset(&arena);
	why = NULL;
	st = ngi_html_extract(page, k, NULL, NULL, &arena, &p, &why);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(st == NG_ERR_INPUT);
	CHECK(why && strstr(why, "elements and text runs"));
	CHECK_MSG(secs < 20, "%.1f s", secs);
	free(page);
}

static void test_helpers(void)
{
	static const struct {
		const char *base, *ref, *want;
	} urls[] = {
		{"http://a.com/b/c/d", "e", "http://a.com/b/c/e"},
		{"http://a.com/b/c/d", "../e", "http://a.com/b/e"},
		{"http://a.com/b/c/d", "./e/../f", "http://a.com/b/c/f"},
		{"http://a.com/b/c/d", "/x/y", "http://a.com/x/y"},
		{"https://a.com/b", "//cdn.com/z", "https://cdn.com/z"},
		{"http://a.com/b/c?q=1", "?q=2", "http://a.com/b/c?q=2"},
		{"http://a.com", "x", "http://a.com/x"},
		{"http://a.com/b", "https://other.org/p", "https://other.org/p"},
		{NULL, "/rel", NULL},
		/* the shared resolver (fetch_url.c, libcurl's parser) encodes
		 * a space, drops the fragment, refuses other schemes */
		{"http://a.com/", "has space", "http://a.com/has%20space"},
		{"http://a.com/b", "c#part", "http://a.com/c"},
		{"http://a.com/", "mailto:x@example.org", NULL},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(urls); i++)
		CHECK_STR(ngi_url_resolve(urls[i].base, urls[i].ref, &arena),
			  urls[i].want);
	static const struct {
		const char *url, *want;
	} dates[] = {
		{"https://x.com/2019/11/18/story", "2019-11-18"},
		{"https://x.com/news/2019-11-18-story", "2019-11-18"},
		{"https://x.com/20191118/story", "2019-11-18"},
		{"https://x.com/2019/02/30/story", NULL},
		{"https://x.com/article/123456789", NULL},
		{"https://x.com/story?date=2019/11/18", NULL},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(dates); i++)
		CHECK_STR(ngi_url_date(dates[i].url, &arena), dates[i].want);
	static const struct {
		const char *in, *want;
	} iso[] = {
		{"2019-11-18", "2019-11-18"},
		{"2019-11-18T08:19:00.000Z", "2019-11-18T08:19:00Z"},
		{"2019-11-18T08:19+0100", "2019-11-18T08:19:00+01:00"},
		{"2019/11/18 08:19:30", "2019-11-18T08:19:30"},
		/* RFC 822 through the shared parser (rfc822.c): zones kept */
		{"Tue, 19 Nov 2019 08:19:00 GMT", "2019-11-19T08:19:00+00:00"},
		{"Tue, 19 Nov 2019 08:19:00 +0100", "2019-11-19T08:19:00+01:00"},
		{"19 Nov 2019", "2019-11-19"},
		{"20191118", "2019-11-18"},
		{"yesterday", NULL},
		{"2019-13-01", NULL},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(iso); i++)
		CHECK_STR(ngi_iso_date(iso[i].in, &arena), iso[i].want);
	CHECK_STR(ngi_url_host("https://WWW.Example.COM:8080/x", &arena), "example.com");
}

typedef struct sink {
	char buf[4096];
	size_t len;
	int calls;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
	sink *k = ctx;
	k->calls++;
	if (k->len + len >= sizeof k->buf)
		return 1;
	memcpy(k->buf + k->len, data, len);
	k->len += len;
	k->buf[k->len] = 0;
	return 0;
}

typedef struct diags {
	int n;
	char last[256];
} diags;

static void on_diag(void *ctx, const ng_diag *d)
{
	diags *g = ctx;
	g->n++;
	snprintf(g->last, sizeof g->last, "%s: %s", d->file ? d->file : "",
		 d->message);
}

/* The public entry point: one JSON object through the callback, in one
 * call; errors as a diagnostic naming the URL, nothing written. */
static void test_public_api(void)
{
	const char *page = "<html lang=en><head><title>T</title></head><body><p>" PARA1
			   "</p></body></html>";
	sink k = {{0}, 0, 0};
	diags g = {0, ""};
	ng_extract_options o = NG_EXTRACT_OPTIONS_INIT;
	o.url = "https://example.com/2020/05/06/x";
	o.on_diag = on_diag;
	o.diag_ctx = &g;
	CHECK(ng_extract_html_to(page, strlen(page), &o, to_sink, &k) == NG_OK);
	CHECK(k.calls == 1);
	CHECK(contains(k.buf, "\"published\":\"2020-05-06\",\"published_source\":\"url\""));
	CHECK(contains(k.buf, "\"body\":\"" PARA1 "\"}\n"));
	CHECK(g.n == 0);
	/* a struct cleared with {0} (size 0) and no options at all work too */
	ng_extract_options zero = {0};
	k.len = 0;
	CHECK(ng_extract_html_to(page, strlen(page), &zero, to_sink, &k) == NG_OK);
	CHECK(contains(k.buf, "\"url\":null"));
	k.len = 0;
	CHECK(ng_extract_html_to(page, strlen(page), NULL, to_sink, &k) == NG_OK);
	/* binary data: a diagnostic naming the URL, nothing written */
	k.len = 0;
	k.calls = 0;
	CHECK(ng_extract_html_to("%PDF-1.7 xx", 11, &o, to_sink, &k) == NG_ERR_INPUT);
	CHECK(k.calls == 0);
	CHECK(g.n == 1 && contains(g.last, "https://example.com/2020/05/06/x: binary data (a PDF document)"));
	/* bad usage */
	CHECK(ng_extract_html_to(page, strlen(page), &o, NULL, NULL) == NG_ERR_USAGE);
	CHECK(ng_extract_html_to(NULL, 5, &o, to_sink, &k) == NG_ERR_USAGE);
	/* the output failing is NG_ERR_IO */
	sink full = {{0}, sizeof full.buf - 1, 0};
	CHECK(ng_extract_html_to(page, strlen(page), &o, to_sink, &full) == NG_ERR_IO);
}

int main(void)
{
	ngi_arena_init(&arena, 1 << 16);
	test_boilerplate();
	test_metadata();
	test_charsets();
	test_bad_input();
	test_deep_nesting();
	test_helpers();
	test_public_api();
	ngi_arena_free(&arena);
	return check_report("html");
}
