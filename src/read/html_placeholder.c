/*
 * html_placeholder.c: PLACEHOLDER for ngi_html_extract (src/read/html.h).
 *
 * TO BE DELETED AT MERGE: the real extractor is written on the `html`
 * branch; the lead removes this file when merging it. It exists only so the
 * page sources (HTML files, WARC records, feed items) can be built and
 * tested end to end before then. Nothing may depend on its crude
 * behaviour: tests assert only what any correct extractor gives (the text
 * of a <p> is in the body, the title comes from <title>, the canonical
 * link is the URL, binary data and oversized pages are refused).
 *
 * What it does: drops tags, comments, <script>, <style>, <head> contents
 * but <title>; block elements end a paragraph; a few character references
 * are decoded; bytes that are not UTF-8 are replaced by U+FFFD (no charset
 * decoding at all).
 */
#include "html.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../base/utf8.h"
#include "read_int.h"

static int name_is(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0 &&
	       !isalnum((unsigned char)p[n]);
}

/* The value of attribute attr inside the tag [p, end), or NULL. */
static const char *attr_value(ngi_arena *a, const char *p, const char *end,
			      const char *attr)
{
	size_t n = strlen(attr);
	for (; p + n < end; p++) {
		if (strncasecmp(p, attr, n) || isalnum((unsigned char)p[-1]))
			continue;
		const char *q = p + n;
		while (q < end && *q == ' ')
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && *q == ' ')
			q++;
		char quote = q < end && (*q == '"' || *q == '\'') ? *q++ : ' ';
		const char *v = q;
		while (q < end && *q != quote && *q != '>')
			q++;
		return ngi_arena_strndup(a, v, (size_t)(q - v));
	}
	return NULL;
}

static const char *const blocks[] = {"p", "div", "br", "h1", "h2", "h3",
				      "h4", "h5", "h6", "li", "article",
				      "section", "tr", "blockquote", "hr"};

static ng_status add_text(ngi_buf *b, const char *s, size_t n, int *space)
{
	ng_status st = NG_OK;
	for (size_t i = 0; i < n && !st; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			*space = 1;
			continue;
		}
		if (*space && b->len && b->data[b->len - 1] != '\n')
			st = ngi_buf_putc(b, ' ');
		*space = 0;
		if (!st && c == '&') {
			static const char *const ent[][2] = {
				{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
				{"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
			size_t k;
			for (k = 0; k < NGI_ARRAY_LEN(ent); k++) {
				size_t el = strlen(ent[k][0]);
				if (n - i >= el && !memcmp(s + i, ent[k][0], el)) {
					st = ngi_buf_puts(b, ent[k][1]);
					i += el - 1;
					break;
				}
			}
			if (k < NGI_ARRAY_LEN(ent))
				continue;
		}
		if (!st)
			st = ngi_buf_putc(b, c);
	}
	return st;
}

static ng_status end_paragraph(ngi_buf *b)
{
	while (b->len && b->data[b->len - 1] == ' ')
		b->len--;
	if (!b->len || (b->len >= 2 && b->data[b->len - 1] == '\n' &&
			b->data[b->len - 2] == '\n'))
		return NG_OK;
	return ngi_buf_puts(b, b->data[b->len - 1] == '\n' ? "\n" : "\n\n");
}

ng_status ngi_html_extract(const char *bytes, size_t len, const char *url,
			   const char *content_type, ngi_arena *a,
			   ngi_html_page *out, const char **why)
{
	if (len > NGI_HTML_MAX_BYTES)
		return NG_ERR_TOOBIG;
	size_t first_bad;
	if (ngi_read_looks_binary(bytes, len, 1, &first_bad)) {
		*why = "binary data, not a web page";
		return NG_ERR_INPUT;
	}
	ngi_html_page page;
	memset(&page, 0, sizeof page);
	ngi_buf body, title;
	ngi_buf_init(&body, NGI_HTML_MAX_BYTES * 2);
	ngi_buf_init(&title, 4096);
	ng_status st = NG_OK;
	const char *p = bytes, *end = bytes + len;
	int space = 0, title_space = 0;
	const char *skip_to = NULL; /* the closing tag of script/style/head */
	int in_title = 0;
	while (p < end && !st) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		const char *text_end = lt ? lt : end;
		if (!skip_to || in_title)
			st = add_text(in_title ? &title : &body, p, (size_t)(text_end - p),
				      in_title ? &title_space : &space);
		if (!lt)
			break;
		if (end - lt >= 4 && !memcmp(lt, "<!--", 4)) {
			const char *c = lt + 4;
			while (end - c >= 3 && memcmp(c, "-->", 3))
				c++;
			p = end - c >= 3 ? c + 3 : end;
			continue;
		}
		const char *gt = memchr(lt, '>', (size_t)(end - lt));
		if (!gt)
			break;
		const char *name = lt + 1;
		int closing = *name == '/';
		if (closing)
			name++;
		if (in_title && closing && name_is(name, gt + 1, "title"))
			in_title = 0;
		else if (skip_to && closing && name_is(name, gt + 1, skip_to))
			skip_to = NULL;
		else if (!closing && name_is(name, gt + 1, "title"))
			in_title = 1;
		else if (!skip_to && !closing &&
			 (name_is(name, gt + 1, "script") ||
			  name_is(name, gt + 1, "style")))
			skip_to = name_is(name, gt + 1, "script") ? "script" : "style";
		else if (!closing && name_is(name, gt + 1, "link") && !page.url) {
			const char *rel = attr_value(a, name, gt, "rel");
			if (rel && !strcasecmp(rel, "canonical"))
				page.url = attr_value(a, name, gt, "href");
		} else if (!closing && name_is(name, gt + 1, "meta")) {
			const char *prop = attr_value(a, name, gt, "property");
			if (prop && !strcmp(prop, "article:published_time") &&
			    !page.published) {
				page.published = attr_value(a, name, gt, "content");
				page.published_source = NGI_PUB_METADATA;
			}
		} else if (!skip_to) {
			for (size_t k = 0; k < NGI_ARRAY_LEN(blocks); k++)
				if (name_is(name, gt + 1, blocks[k])) {
					st = end_paragraph(&body);
					space = 0;
					break;
				}
		}
		p = gt + 1;
	}
	if (!st)
		st = end_paragraph(&body);
	while (!st && body.len && body.data[body.len - 1] == '\n')
		body.len--;
	size_t bad = 0;
	ngi_buf fixed;
	ngi_buf_init(&fixed, 0);
	if (!st) {
		const char *b = body.data ? body.data : "";
		size_t n = body.len;
		bad = ngi_read_repair(b, n, &fixed, &first_bad);
		if (bad == (size_t)-1)
			st = NG_ERR_NOMEM;
		else if (bad) {
			b = fixed.data;
			n = fixed.len;
		}
		if (!st) {
			char *copy = ngi_arena_strndup(a, b, n);
			if (!copy)
				st = NG_ERR_NOMEM;
			page.body = copy;
			page.body_len = n;
		}
	}
	if (!st && title.len) {
		size_t tbad = ngi_read_repair(title.data, title.len, &fixed,
					      &first_bad);
		page.title = ngi_arena_strdup(a, tbad && tbad != (size_t)-1
							 ? fixed.data
							 : title.data);
	}
	if (!st && !page.url && url)
		page.url = ngi_arena_strdup(a, url);
	ngi_buf_free(&fixed);
	ngi_buf_free(&body);
	ngi_buf_free(&title);
	if (st)
		return st;
	page.charset = "utf-8";
	page.charset_source = content_type ? "http" : "default";
	page.invalid_bytes = bad;
	*out = page;
	return NG_OK;
}
