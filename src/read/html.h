/*
 * html.h: one web page -> one article: its main text and its metadata.
 *
 * The seam between the page sources (HTML files, WARC response records,
 * pages fetched by `watch`) and the extractor. A source hands over the
 * page's bytes as they came (any charset, no decompression left to do),
 * the URL it was fetched from when known, and the HTTP Content-Type when
 * there was one; the extractor decodes the charset, parses the HTML5 and
 * returns the article: body text (paragraphs and headings in order,
 * boilerplate removed) and what the page says about itself (title,
 * authors, dates, canonical URL, site, language, credit line).
 *
 * Pure: no I/O, no global state beyond read-only tables, safe to call from
 * several threads at once. Everything returned lives in the caller's arena.
 * Time and memory are linear in the page, with caps (NGI_HTML_MAX_BYTES,
 * nesting depth) so hostile pages fail cleanly.
 */
#ifndef NG_HTML_H
#define NG_HTML_H

#include "../base/base.h"
#include "read.h"

/* Pages larger than this are refused (NG_ERR_TOOBIG). */
#define NGI_HTML_MAX_BYTES ((size_t)32 << 20)

typedef struct ngi_html_page {
	/* The canonical URL (<link rel=canonical>, og:url), else the URL
	 * given, else NULL. */
	const char *url;
	const char *title;     /* NULL when the page has none */
	const char *authors;   /* "Name; Name", NULL when none */
	/* ISO 8601 ("2024-10-27" or "2024-10-27T11:49:00+02:00"), NULL when
	 * unknown; published_source says where it came from (NGI_PUB_METADATA
	 * for meta tags, JSON-LD, <time> and Open Graph; NGI_PUB_TEXT for a
	 * date read from the URL or the visible text). */
	const char *published;
	ngi_pub_source published_source;
	const char *modified;
	const char *site;      /* og:site_name, publisher, else the host */
	const char *lang;      /* <html lang>, content-language: a hint */
	const char *credit;    /* the credit line ("By X, Reuters"), NULL */
	/* The main text, UTF-8, NUL-terminated: paragraphs and headings in
	 * page order, separated by one blank line ("\n\n"). Empty (not NULL)
	 * when the page holds no article text. */
	const char *body;
	size_t body_len;
	/* The charset the bytes were read as ("utf-8", "windows-1251") and
	 * how it was chosen ("bom", "http", "meta", "detected", "default"). */
	const char *charset;
	const char *charset_source;
	size_t invalid_bytes;  /* bytes that did not decode, replaced */
} ngi_html_page;

/* Extracts the article of the page bytes[0..len). url (may be NULL) is
 * where the page came from: it resolves relative links and gives dates in
 * URL paths; content_type (may be NULL) is the HTTP Content-Type header's
 * value, whose charset parameter wins over the page's own meta tag.
 * Returns NG_OK (out filled, strings in a), NG_ERR_TOOBIG for a page over
 * NGI_HTML_MAX_BYTES, NG_ERR_INPUT for bytes that are not a page (binary
 * data; *why says what, a static string), NG_ERR_NOMEM. */
ng_status ngi_html_extract(const char *bytes, size_t len, const char *url,
			   const char *content_type, ngi_arena *a,
			   ngi_html_page *out, const char **why);

/* Reads the page file path ("-": stdin) into out, decompressing gzip
 * (recognised by its bytes), capped at NGI_HTML_MAX_BYTES. NG_OK; else
 * NG_ERR_NOTFOUND (no such file), NG_ERR_IO, NG_ERR_INPUT (corrupt or
 * truncated gzip), NG_ERR_TOOBIG or NG_ERR_NOMEM, with *why a static or
 * strerror string saying what. */
ng_status ngi_html_read_file(const char *path, ngi_buf *out,
			     const char **why);

#endif
